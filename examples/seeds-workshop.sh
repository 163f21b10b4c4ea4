#!/usr/bin/env bash
# Builds examples/seeds-workshop.json with the lessonkit CLI alone: the social-protection
# workshop of 22 December 2560 BE (2017) from the seeds' report book — 4 groups, the member
# agencies of groups 1 and 2, and group 1's mission (objectives and goals).
# Run from anywhere: bash examples/seeds-workshop.sh [OUT.json]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/seeds-workshop.json"}
lk=${LESSONKIT:-lessonkit}

$lk new "$out" --force \
  --title "แลกเปลี่ยนเรียนรู้และกำหนดแนวทางปฏิบัติด้านการคุ้มครองทางสังคม" \
  --date "๒๒ ธันวาคม ๒๕๖๐" --venue "โรงแรม ไพร์ม เซ็นทรัล สเตชั่น กรุงเทพฯ" \
  --locale th --method aar --method ee

$lk group add "$out" g1 --name "การคุ้มครองทางสังคมสำหรับเด็ก" \
  --member "ฝ่ายงบประมาณ กรมกิจการเด็กและเยาวชน" \
  --member "สำนักงานปลัดกระทรวงศึกษาธิการ" \
  --member "สำนักงานคณะกรรมการการอาชีวศึกษา กระทรวงศึกษาธิการ" \
  --member "สำนักงานสถิติแห่งชาติ" \
  --member "ศูนย์ช่วยเหลือสังคม กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์" \
  --member "สภาเด็กและเยาวชนแห่งประเทศไทย"
$lk group add "$out" g2 --name "การคุ้มครองทางสังคมสำหรับวัยแรงงาน" \
  --member "กระทรวงเกษตรและสหกรณ์" --member "กระทรวงยุติธรรม" --member "กระทรวงมหาดไทย" \
  --member "กระทรวงแรงงาน" --member "สำนักงานประกันสังคม" --member "สำนักงานสถิติแห่งชาติ" \
  --member "กรมพัฒนาสังคมและสวัสดิการ" --member "สภาองค์การลูกจ้างแรงงานแห่งประเทศไทย"
$lk group add "$out" g3 --name "การคุ้มครองทางสังคมสำหรับวัยผู้สูงอายุ"
$lk group add "$out" g4 --name "การคุ้มครองทางสังคมด้านสุขภาพ"

$lk answer "$out" --group g1 --method ee --prompt objectives \
  "เพื่อให้เด็ก/เยาวชนทราบถึงสิทธิของตนเอง" \
  "เพื่อพัฒนาศักยภาพเด็ก/เยาวชน" \
  "เพื่อพัฒนาฐานข้อมูล เครือข่ายการคุ้มครองทางสังคมสำหรับเด็ก/เยาวชนให้ครบทุกมิติ" \
  "เพื่อลดความเหลื่อมล้ำในเด็ก/เยาวชน" \
  "เพื่อบูรณาการการทำงานของทุกหน่วยงาน เพื่อคุ้มครองเด็กและเยาวชน"
$lk answer "$out" --group g1 --method ee --prompt goals \
  "เด็กและเยาวชน มีการพัฒนาเป็นบุคคลที่รู้สิทธิ และหน้าที่ของตนเอง มีความกล้าคิด กล้าแสดงออก และมีส่วนร่วมในการพัฒนาชุมชนและสังคม" \
  "มีฐานข้อมูลกลางเกี่ยวกับภาคีเครือข่ายเด็กและเยาวชน ที่ทุกฝ่ายสามารถใช้และเข้าถึงข้อมูลร่วมกันได้ โดยมีการบูรณาการข้อมูลจากทุกภาคส่วนร่วมกัน" \
  "มีการบูรณาการข้อมูลระหว่างทุกหน่วยงานเกี่ยวกับเด็กและเยาวชนมากขึ้น เพื่อให้ได้รับการคุ้มครองอย่างครอบคลุมและทั่วถึง ลดความเหลื่อมล้ำในเด็ก/เยาวชน" \
  "ระบบการศึกษาสามารถพัฒนาเด็กและเยาวชน ให้มีคุณภาพชีวิตและศักยภาพพร้อมในศตวรรษที่ ๒๑ โดยเด็กและเยาวชนเข้าถึงสิทธิต่าง ๆ ไม่ตกหล่นจากระบบการศึกษา"

# --- Group 2 (working age, informal workers): EE steps 1–3 --------------------------------
# Step 1, the mission, is from the seeds (report p.25). The printed heading of that step names
# group 1 by a copy-and-paste error; lessonkit builds headings from the data, so it cannot.
$lk answer "$out" --group g2 --method ee --prompt objectives \
  "เพื่อให้แรงงานสามารถเข้าถึงการคุ้มครองทางสังคมได้อย่างทั่วถึง"
$lk answer "$out" --group g2 --method ee --prompt goals \
  "แรงงานนอกระบบอย่างน้อยร้อยละ ๒๐ มีหลักประกันทางสังคมภายใน ๔ ปี จากการเป็นสมาชิกกองทุนประกันสังคม (มาตรา ๔๐) หรือเป็นสมาชิกกองทุนการออมแห่งชาติ (กอช.)"

# ILLUSTRATIVE DATA from here on: the seeds stop before the results of taking stock, so the
# activities, the 8 participants' scores, the ratings and the plan below are made up to show
# the method. They are plausible for the group's informal-worker programme but are NOT in the
# report; the activities carry the tag "ข้อมูลสมมติ (illustrative)".
$lk ee settings "$out" --top-k 4   # keep the top 4 (activities tied at the cut are all kept)
$lk participant add "$out" --group g2 --count 8   # p1 … p8, anonymous, one per member agency
$lk answer "$out" --group g2 --method ee --prompt activities --tag "ข้อมูลสมมติ (illustrative)" \
  "รณรงค์ให้แรงงานนอกระบบสมัครเป็นผู้ประกันตนตามมาตรา ๔๐" \
  "หน่วยรับสมัครเคลื่อนที่ในตลาดและชุมชน" \
  "สำรวจข้อมูลแรงงานนอกระบบ" \
  "ส่งเสริมการออมผ่านกองทุนการออมแห่งชาติ (กอช.)" \
  "ฝึกอบรมอาชีพและพัฒนาทักษะแรงงานนอกระบบ" \
  "เชื่อมโยงฐานข้อมูลแรงงานนอกระบบระหว่างหน่วยงาน" \
  "ให้ความรู้ด้านความปลอดภัยในการทำงานแก่ผู้รับงานไปทำที่บ้าน"

# Part I: each participant scores each activity 1–3 for its importance (columns: activities 1–7).
importance=(
  "p1 3 2 2 3 1 2 1"
  "p2 3 3 2 2 2 2 1"
  "p3 3 2 1 3 2 2 2"
  "p4 2 2 3 2 1 3 1"
  "p5 3 3 2 2 2 2 1"
  "p6 3 2 2 3 1 2 2"
  "p7 2 2 1 3 2 1 1"
  "p8 3 3 2 2 1 1 1"
)
for line in "${importance[@]}"; do
  read -r who s1 s2 s3 s4 s5 s6 s7 <<<"$line"
  $lk score "$out" --group g2 --method ee --prompt importance --participant "$who" \
    1="$s1" 2="$s2" 3="$s3" 4="$s4" 5="$s5" 6="$s6" 7="$s7"
done

# Part II: each participant rates how well each kept activity is going, 1–10
# (columns: activities 1, 2, 3, 4 and 6 — the five part I keeps).
rating=(
  "p1 4 3 7 6 3"
  "p2 5 8 6 7 4"
  "p3 3 2 7 5 3"
  "p4 4 9 8 6 2"
  "p5 6 4 6 7 4"
  "p6 5 7 7 6 3"
  "p7 4 3 7 5 3"
  "p8 5 8 6 6 4"
)
for line in "${rating[@]}"; do
  read -r who r1 r2 r3 r4 r6 <<<"$line"
  $lk score "$out" --group g2 --method ee --prompt rating --participant "$who" \
    1="$r1" 2="$r2" 3="$r3" 4="$r4" 6="$r6"
done

# Step 3: the plan (activity 6 has no plan yet: 'lessonkit ee check' says so).
$lk answer "$out" --group g2 --method ee --prompt plan \
  "activity=รณรงค์ให้แรงงานนอกระบบสมัครเป็นผู้ประกันตนตามมาตรา ๔๐" \
  "goal=ผู้ประกันตนมาตรา ๔๐ เพิ่มขึ้นปีละร้อยละ ๕" \
  "strategy=ประชาสัมพันธ์ผ่านผู้นำชุมชนและ อสม." \
  "evidence=จำนวนผู้ประกันตนมาตรา ๔๐ รายจังหวัด รายไตรมาส" \
  "owner=สำนักงานประกันสังคม" "due=30 กันยายน 2561"
$lk answer "$out" --group g2 --method ee --prompt plan \
  "activity=ส่งเสริมการออมผ่านกองทุนการออมแห่งชาติ (กอช.)" \
  "goal=สมาชิก กอช. ที่เป็นแรงงานนอกระบบเพิ่มขึ้น" \
  "strategy=จัดจุดรับสมัครร่วมกับหน่วยรับสมัครเคลื่อนที่" \
  "evidence=จำนวนสมาชิก กอช. รายใหม่" "owner=กรมพัฒนาสังคมและสวัสดิการ" "due=30 กันยายน 2561"
$lk answer "$out" --group g2 --method ee --prompt plan \
  "activity=หน่วยรับสมัครเคลื่อนที่ในตลาดและชุมชน" \
  "goal=ทุกอำเภอมีหน่วยรับสมัครเคลื่อนที่อย่างน้อยเดือนละครั้ง" \
  "strategy=ใช้เครือข่ายองค์กรปกครองส่วนท้องถิ่น" \
  "evidence=จำนวนครั้งที่ออกหน่วยและผู้สมัครต่อครั้ง" "owner=กระทรวงมหาดไทย" "due=31 มีนาคม 2561"
$lk answer "$out" --group g2 --method ee --prompt plan \
  "activity=สำรวจข้อมูลแรงงานนอกระบบ" \
  "goal=ข้อมูลแรงงานนอกระบบเป็นปัจจุบันทุกปี" \
  "strategy=สำรวจประจำปีและเผยแพร่ผลแยกรายจังหวัด" \
  "evidence=รายงานการสำรวจแรงงานนอกระบบประจำปี" "owner=สำนักงานสถิติแห่งชาติ" "due=31 ธันวาคม 2561"

# ---------------------------------------------------------------------------------------------
# Stage 1 of the workshop: the After Action Review, answered alone before the group work
# (the seeds' five questions). ILLUSTRATIVE answers: the seeds give the questions, not the
# answers. Anonymous answer cards from groups 1 and 2, grouped into themes by the facilitator.
$lk aar answer "$out" --group g1 -q expected "เด็กทุกคนเข้าถึงสิทธิและบริการคุ้มครองทางสังคม"
$lk aar answer "$out" --group g1 -q actual "เด็กบางกลุ่มยังตกหล่นจากระบบ โดยเฉพาะเด็กนอกระบบการศึกษา"
$lk aar answer "$out" --group g1 -q why_differ --tag "ข้อมูลไม่เชื่อมโยง" "ฐานข้อมูลของแต่ละหน่วยงานไม่เชื่อมโยงกัน"
$lk aar answer "$out" --group g1 -q went_well --tag "ความร่วมมือ" "หน่วยงานร่วมวางแผนแบบบูรณาการมากขึ้น"
$lk aar answer "$out" --group g1 -q recommend --tag "ข้อมูลไม่เชื่อมโยง" "จัดทำฐานข้อมูลกลางด้านเด็กที่ทุกหน่วยงานใช้ร่วมกัน"
$lk aar answer "$out" --group g2 -q expected --participant p1 "แรงงานนอกระบบมีหลักประกันทางสังคมเพิ่มขึ้น"
$lk aar answer "$out" --group g2 -q actual --participant p1 "ผู้ประกันตนตามมาตรา ๔๐ เพิ่มขึ้นช้ากว่าที่คาด"
$lk aar answer "$out" --group g2 -q why_differ --participant p1 --tag "การเข้าถึง" "แรงงานนอกระบบไม่ทราบสิทธิและช่องทางสมัคร"
$lk aar answer "$out" --group g2 -q went_well --tag "การเข้าถึง" "หน่วยรับสมัครเคลื่อนที่ได้รับความสนใจ"
$lk aar answer "$out" --group g2 -q recommend --tag "การเข้าถึง" "ขยายหน่วยรับสมัครเคลื่อนที่ให้ครบทุกอำเภอ"
# the report book's cover and introduction (the seeds: 81 participants, MSDHS)
$lk session set "$out" --organiser "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์" --attendance 81 \
  --introduction "$here/seeds-workshop-introduction.txt"
