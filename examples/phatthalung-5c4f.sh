#!/usr/bin/env bash
# Builds examples/phatthalung-5c4f.json with the lessonkit CLI alone: a 5C4F Child-friendly City
# area assessment of Khok Muang municipality (เทศบาลตำบลโคกม่วง), Khao Chaison, Phatthalung, from
# the MSDHS meeting of 22 March 2566 BE (2023) in the seeds — the model's example activities by
# age band, the agencies named at the meeting, and the needs the meeting raised.
# Run from anywhere: bash examples/phatthalung-5c4f.sh [OUT.json]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/phatthalung-5c4f.json"}
lk=${LESSONKIT:-lessonkit}

$lk new "$out" --force \
  --title "ขับเคลื่อนข้อเสนอเชิงนโยบายการคุ้มครองทางสังคมด้านเด็กในระดับพื้นที่: Child-friendly City 5C4F" \
  --date "22 มีนาคม 2566" --venue "เทศบาลตำบลโคกม่วง อำเภอเขาชัยสน จังหวัดพัทลุง" \
  --locale th --method 5c4f

# The area, with the agencies at the meeting (from the seeds).
$lk group add "$out" kokmuang --name "เทศบาลตำบลโคกม่วง จังหวัดพัทลุง" \
  --member "เทศบาลตำบลโคกม่วง" \
  --member "กองพัฒนานโยบายและนวัตกรรมทางสังคม" \
  --member "สำนักงานส่งเสริมและสนับสนุนวิชาการ ๑๑" \
  --member "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพัทลุง" \
  --member "One Home พม.จังหวัดพัทลุง" \
  --member "สภาเด็กและเยาวชนตำบลโคกม่วง"

# 1. The inventory: the model's example activities, by age band (the default bands 0-6 and
# 7-18). The seeds name no agency for the 0-6 activities, the fair or the package; VNjoin is to
# be developed by the municipality, One Home, local schools and MSDHS together.
$lk 5c4f activity "$out" --group kokmuang --band 0-6 \
  "กล่องรับขวัญ" "ศูนย์พัฒนาเด็กเล็ก" "เงินอุดหนุนเด็กแรกเกิด"
$lk 5c4f activity "$out" --group kokmuang --band 7-18 \
  --agency "เทศบาลตำบลโคกม่วง, One Home พม.จังหวัดพัทลุง, สถาบันการศึกษาในพื้นที่, พม." \
  "แอปพลิเคชัน VNjoin"
$lk 5c4f activity "$out" --group kokmuang --band 7-18 \
  "ลาน ปัน ฟัน แฟร์" "Family Plus Package"

# ILLUSTRATIVE DATA from here on: the seeds report the meeting, not an assessment, so the six
# respondents, their ratings and their dots below are made up to show the method. Each
# respondent's comment in the session starts with "[ข้อมูลสมมติ (illustrative)]".
# p1, p2: children; p3, p4: adolescents (the children and youth council); p5: a parent;
# p6: an official.
$lk 5c4f respondents "$out" --group kokmuang --type children --new 2
$lk 5c4f respondents "$out" --group kokmuang --type adolescents --new 2
$lk 5c4f respondents "$out" --group kokmuang --type parents --new 1
$lk 5c4f respondents "$out" --group kokmuang --type officials --new 1

# 2. The assessment: never / sometimes / mostly / na (does not apply, not a low score),
# "all=" for the dimensions not named. Activities by their number in the inventory:
# 1 welcome gift box, 2 child development centre, 3 newborn grant, 4 VNjoin, 5 Pun Fun Fair,
# 6 Family Plus Package.
assess() { $lk 5c4f assess "$out" --group kokmuang "$@"; }
note="ข้อมูลสมมติ (illustrative)"

# The children rate what they know: the fair, the app and the family package.
assess --participant p1 --activity 5 all=mostly connected=sometimes child_centred=sometimes comfort=sometimes \
  --comment "[$note] อยากให้มีลาน ปัน ฟัน แฟร์ บ่อยขึ้น"
assess --participant p1 --activity 4 all=sometimes creative=mostly fun=mostly comfort=never
assess --participant p1 --activity 6 all=sometimes family_focused=mostly fun=never
assess --participant p2 --activity 5 all=mostly for_all=sometimes comfort=sometimes
assess --participant p2 --activity 4 all=sometimes creative=mostly connected=mostly for_all=never \
  --comment "[$note] เด็กบางคนไม่มีโทรศัพท์ใช้แอป"
# The adolescents (children and youth council) rate the 7-18 activities.
assess --participant p3 --activity 4 all=sometimes creative=mostly connected=mostly \
  child_centred=mostly comfort=sometimes for_all=never \
  --comment "[$note] อยากให้ VNjoin เป็นพื้นที่สร้างสรรค์ออนไลน์ที่สภาเด็กฯ ใช้รับฟังเพื่อน ๆ"
assess --participant p3 --activity 5 all=mostly comfort=never child_centred=sometimes for_all=sometimes
assess --participant p3 --activity 6 all=sometimes family_focused=mostly fun=never creative=never
assess --participant p4 --activity 4 all=sometimes creative=mostly child_centred=mostly comfort=never for_all=never
assess --participant p4 --activity 5 all=mostly community_based=sometimes for_all=sometimes comfort=never \
  --comment "[$note] ยังไม่มีพื้นที่ปลอดภัยให้วัยรุ่นรวมตัวกันหลังเลิกเรียน"
# The parent rates the 0-6 activities and the family package.
assess --participant p5 --activity 1 all=mostly fun=na creative=na child_centred=sometimes \
  --comment "[$note] กล่องรับขวัญช่วยครอบครัวที่มีลูกแรกเกิดได้มาก"
assess --participant p5 --activity 2 all=mostly connected=sometimes
assess --participant p5 --activity 3 all=mostly fun=na creative=na child_centred=na friendly=sometimes
assess --participant p5 --activity 6 all=sometimes family_focused=mostly connected=never
# The official rates every activity.
assess --participant p6 --activity 1 all=sometimes family_focused=mostly fun=na creative=na \
  --comment "[$note] ต้องเชื่อมข้อมูลเด็กแรกเกิดกับ One Home พม.จังหวัดพัทลุง"
assess --participant p6 --activity 2 all=mostly community_based=sometimes for_all=sometimes
assess --participant p6 --activity 3 all=sometimes for_all=mostly fun=na creative=na child_centred=na
assess --participant p6 --activity 4 all=sometimes connected=mostly comfort=never community_based=never
assess --participant p6 --activity 5 all=mostly connected=sometimes comfort=sometimes for_all=sometimes
assess --participant p6 --activity 6 all=sometimes family_focused=mostly

# 3. Children's needs, as the meeting raised them (from the seeds), each tagged with its age
# band and the dimensions it touches (the tagging is the facilitator's reading).
$lk 5c4f need "$out" --group kokmuang --band 7-18 -d comfort,child_centred \
  "ป้องกันปัญหาของเด็กช่วงวัยรุ่น โดยเฉพาะปัญหายาเสพติด"
$lk 5c4f need "$out" --group kokmuang --band 7-18 -d comfort,for_all,community_based \
  "พื้นที่ปลอดภัยห่างไกลยาเสพติด (Safe Zone For All)"
$lk 5c4f need "$out" --group kokmuang --band 7-18 -d creative,fun,community_based \
  "ค่ายฤดูร้อนปลูกฝังคุณธรรมตามหลักศาสนาอิสลาม"
$lk 5c4f need "$out" --group kokmuang --band 7-18 -d creative,connected \
  "พื้นที่สร้างสรรค์ทางออนไลน์สำหรับเด็กและเยาวชน (VNjoin)"
$lk 5c4f need "$out" --group kokmuang --band 7-18 -d child_centred,connected \
  "ช่องทางรวบรวมความต้องการของเด็กผ่านสภาเด็กและเยาวชน"
$lk 5c4f need "$out" --group kokmuang -d family_focused \
  "เสริมสร้างความเข้มแข็งของสถาบันครอบครัว"

# Dots (5 each, stacking allowed), illustrative. Needs by their number: 1 teen problems and
# drugs, 2 Safe Zone For All, 3 summer camp, 4 online space, 5 the council's channel, 6 families.
vote() { $lk 5c4f vote "$out" --group kokmuang --participant "$@"; }
vote p1 2=2 3=2 4=1
vote p2 2=1 3=2 4=2
vote p3 1=2 2=2 5=1
vote p4 1=1 2=2 4=1 5=1
vote p5 1=2 6=3
vote p6 1=2 2=1 5=1 6=1
$lk session set "$out" --organiser "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์"
