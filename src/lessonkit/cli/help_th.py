"""The Thai help of the core's commands and of click's own messages.

Keys are the English texts as written in the code (spaces and line breaks do
not matter); ``tests/test_help_locale.py`` fails when a command, an option or
one of click's messages shown to users has no Thai here. Thai is written with
a space between phrases, as Thai text is: help wraps only at those spaces.
Imported only when the help language is Thai.
"""

from __future__ import annotations

from lessonkit.i18n import help_texts

__all__ = ["CLICK", "CORE", "register"]

_LOCALE_HELP = "ภาษาของผลลัพธ์ (ค่าเริ่มต้น: LESSONKIT_LOCALE ถ้าไม่มีจึงใช้ภาษาของไฟล์เวที)"

#: click's messages that users see (their gettext message ids in the installed click)
CLICK: dict[str, str] = {
    "Usage:": "วิธีใช้:",
    "Options": "ตัวเลือก",
    "Commands": "คำสั่ง",
    "Positional arguments": "อาร์กิวเมนต์ตามตำแหน่ง",
    "Show this message and exit.": "แสดงคำอธิบายนี้แล้วจบการทำงาน",
    "Show the version and exit.": "แสดงรุ่นของโปรแกรมแล้วจบการทำงาน",
    "%(prog)s, version %(version)s": "%(prog)s รุ่น %(version)s",
    "Missing argument": "ไม่ได้ระบุอาร์กิวเมนต์",
    "Missing option": "ไม่ได้ระบุตัวเลือก",
    "Missing parameter": "ไม่ได้ระบุพารามิเตอร์",
    "Missing parameter: {param_name}": "ไม่ได้ระบุพารามิเตอร์: {param_name}",
    "Missing {param_type}": "ไม่ได้ระบุ {param_type}",
    "Missing command.": "ไม่ได้ระบุคำสั่ง",
    "Error: {message}": "ข้อผิดพลาด: {message}",
    "Try '{command} {option}' for help.": "ดูวิธีใช้ด้วย '{command} {option}'",
    "No such option {name!r}.": "ไม่มีตัวเลือก {name!r}",
    "No such command {name!r}.": "ไม่มีคำสั่ง {name!r}",
    "Did you mean {possibility}?": "หมายถึง {possibility} หรือไม่",
    "(Did you mean one of: {possibilities}?)": "(หมายถึงข้อใดข้อหนึ่งต่อไปนี้หรือไม่: {possibilities})",
    "Invalid value for {param_hint}: {message}": "ค่าของ {param_hint} ไม่ถูกต้อง: {message}",
    "Invalid value: {message}": "ค่าไม่ถูกต้อง: {message}",
    "Got unexpected extra arguments ({args})": "มีอาร์กิวเมนต์เกินมา ({args})",
    "Got unexpected extra argument ({args})": "มีอาร์กิวเมนต์เกินมา ({args})",
    "Option {name!r} does not take a value.": "ตัวเลือก {name!r} ไม่รับค่า",
    "Option {name!r} requires {nargs} arguments.": "ตัวเลือก {name!r} ต้องมีค่า {nargs} ค่า",
    "Option {name!r} requires an argument.": "ตัวเลือก {name!r} ต้องมีค่า",
    "Argument {name!r} takes {nargs} values.": "อาร์กิวเมนต์ {name!r} รับค่า {nargs} ค่า",
    "Takes {nargs} values but {len} were given.": "รับค่า {nargs} ค่า แต่ได้รับ {len} ค่า",
    "Takes {nargs} values but 1 was given.": "รับค่า {nargs} ค่า แต่ได้รับ 1 ค่า",
    "Choose from:\n\t{choices}": "เลือกจาก:\n\t{choices}",
    "{value!r} is not one of {choices}.": "{value!r} ไม่ใช่ค่าใดใน {choices}",
    "{value!r} is not {choice}.": "{value!r} ไม่ใช่ {choice}",
    "{value} is not in the range {range}.": "{value} ไม่อยู่ในช่วง {range}",
    "{value!r} is not a valid {number_type}.": "{value!r} ไม่ใช่ค่า {number_type} ที่ถูกต้อง",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} ไม่ใช่ค่าจริงหรือเท็จ ค่าที่ใช้ได้: {states}",
    "{value!r} is not a valid UUID.": "{value!r} ไม่ใช่ UUID ที่ถูกต้อง",
    # {name} is click's English "File"/"Directory"/"Path" (set when the option is made): left out
    "{name} {filename!r} does not exist.": "ไม่พบ {filename!r}",
    "{name} {filename!r} is a file.": "{filename!r} เป็นไฟล์ ไม่ใช่โฟลเดอร์",
    "{name} {filename!r} is a directory.": "{filename!r} เป็นโฟลเดอร์ ไม่ใช่ไฟล์",
    "{name} {filename!r} is not readable.": "ไม่มีสิทธิ์อ่าน {filename!r}",
    "{name} {filename!r} is not writable.": "ไม่มีสิทธิ์เขียน {filename!r}",
    "{name} {filename!r} is not executable.": "ไม่มีสิทธิ์เรียกใช้ {filename!r}",
    "{value!r} does not match the format {format}.": "{value!r} ไม่ตรงกับรูปแบบ {format}",
    "{value!r} does not match the formats {formats}.": "{value!r} ไม่ตรงกับรูปแบบใดใน {formats}",
    "{len_type} values are required, but {len_value} was given.":
        "ต้องมีค่า {len_type} ค่า แต่ได้รับ {len_value} ค่า",
    "{len_type} values are required, but {len_value} were given.":
        "ต้องมีค่า {len_type} ค่า แต่ได้รับ {len_value} ค่า",
    "Could not open file {filename!r}: {message}": "เปิดไฟล์ {filename!r} ไม่ได้: {message}",
    "file": "ไฟล์",
    "directory": "โฟลเดอร์",
    "path": "ที่อยู่",
    "default: {default}": "ค่าเริ่มต้น: {default}",
    "env var: {var}": "ตัวแปรสภาพแวดล้อม: {var}",
    "required": "ต้องระบุ",
    "(dynamic)": "(กำหนดขณะทำงาน)",
    "deprecated": "เลิกใช้แล้ว",
    "Aborted!": "ยกเลิกแล้ว",
    "Do you want to continue?": "ต้องการทำต่อหรือไม่",
    "Confirm the action without prompting.": "ยืนยันโดยไม่ต้องถาม",
    "Repeat for confirmation": "พิมพ์อีกครั้งเพื่อยืนยัน",
    "Error: The two entered values do not match.": "ข้อผิดพลาด: ค่าที่พิมพ์ทั้งสองครั้งไม่ตรงกัน",
    "Error: invalid input": "ข้อผิดพลาด: ค่าที่พิมพ์ไม่ถูกต้อง",
    "Press any key to continue...": "กดปุ่มใดก็ได้เพื่อทำต่อ…",
    "unknown error": "ข้อผิดพลาดที่ไม่ทราบสาเหตุ",
}

#: the core's commands, options and arguments
CORE: dict[str, str] = {
    # lessonkit
    "lessonkit: run evaluation workshops (After Action Review, Empowerment Evaluation, 5C4F) "
    "and print their report book, in Thai or English.\n\n\b\nStart with:\n"
    "  lessonkit methods                 what methods are installed\n"
    "  lessonkit new ws.json --title … --method ee\n"
    "  lessonkit group add ws.json g1 --name \"…\"\n"
    "  lessonkit show ws.json":
        "lessonkit: จัดเวทีถอดบทเรียนและประเมินผล (การทบทวนหลังการปฏิบัติ AAR"
        " การประเมินแบบเสริมพลัง EE และ 5C4F) แล้วพิมพ์เล่มรายงาน เป็นภาษาไทยหรือภาษาอังกฤษ\n\n"
        "\b\nเริ่มต้นด้วย:\n"
        "  lessonkit methods                 ดูว่าติดตั้งวิธีการใดไว้บ้าง\n"
        "  lessonkit new ws.json --title … --method ee\n"
        "  lessonkit group add ws.json g1 --name \"…\"\n"
        "  lessonkit show ws.json",
    # plugins, methods, rules, prompts
    "List the installed plugins, where they come from and the hooks they implement.":
        "แสดงปลั๊กอินที่ติดตั้งไว้ ที่มา และฮุกที่แต่ละปลั๊กอินใช้",
    "Include the core's own default plugins.": "รวมปลั๊กอินพื้นฐานของแกนระบบด้วย",
    "Output JSON.": "แสดงผลเป็น JSON",
    "Only plugins implementing this hook.": "เฉพาะปลั๊กอินที่ใช้ฮุกนี้",
    "Language of the output (default: LESSONKIT_LOCALE, else the session's).": _LOCALE_HELP,
    "List the evaluation methods the installed plugins provide.\n\nMethods written as TOML files "
    "are found in the folders of LESSONKIT_METHODS_PATH, in every command. --path DIR checks and "
    "lists a folder's files without configuring it: to use them in a session, add the folder to "
    "LESSONKIT_METHODS_PATH.":
        "แสดงวิธีการประเมินที่ปลั๊กอินที่ติดตั้งไว้มีให้ใช้\n\n"
        "วิธีการที่เขียนเป็นไฟล์ TOML จะค้นหาจากโฟลเดอร์ใน LESSONKIT_METHODS_PATH ในทุกคำสั่ง"
        " ส่วน --path DIR ใช้ตรวจสอบและแสดงไฟล์ในโฟลเดอร์โดยไม่ได้ตั้งค่าไว้"
        " หากจะใช้ในเวที ให้เพิ่มโฟลเดอร์นั้นใน LESSONKIT_METHODS_PATH",
    "Output JSON: every step and prompt in every language.":
        "แสดงผลเป็น JSON: ทุกขั้นตอนและทุกคำถาม ในทุกภาษา",
    "Check and list the TOML method files of DIR too (repeatable); a bad file is an error. For "
    "this listing only: other commands read LESSONKIT_METHODS_PATH.":
        "ตรวจสอบและแสดงไฟล์วิธีการ TOML ในโฟลเดอร์ DIR ด้วย (ระบุซ้ำได้) ไฟล์ที่ผิดถือเป็นข้อผิดพลาด"
        " ใช้กับการแสดงรายการนี้เท่านั้น คำสั่งอื่นอ่านจาก LESSONKIT_METHODS_PATH",
    "Print a method's question sheet: its steps and prompts, with guidance.":
        "พิมพ์แบบคำถามของวิธีการ: ขั้นตอนและคำถาม พร้อมคำแนะนำ",
    "Only this step.": "เฉพาะขั้นตอนนี้",
    "List the ranking rules: key, title and what each does.":
        "แสดงกฎการจัดลำดับ: รหัส ชื่อ และวิธีการทำงานของแต่ละกฎ",
    # sessions
    "Create a new session file.": "สร้างไฟล์เวทีใหม่",
    "The workshop's title.": "ชื่อเวที",
    "Date: 2017-12-22, 22/12/2560 or '๒๒ ธันวาคม ๒๕๖๐'.":
        "วันที่: 2017-12-22 หรือ 22/12/2560 หรือ '๒๒ ธันวาคม ๒๕๖๐'",
    "Where the workshop takes place.": "สถานที่จัดเวที",
    "The session's language.": "ภาษาของเวที",
    "A method in use (repeatable), e.g. --method aar --method ee.":
        "วิธีการที่ใช้ (ระบุซ้ำได้) เช่น --method aar --method ee",
    "Replace an existing file.": "เขียนทับไฟล์ที่มีอยู่",
    "Add and list groups.": "เพิ่มและแสดงกลุ่ม",
    "Add a group KEY to the session FILE.": "เพิ่มกลุ่มรหัส KEY ในไฟล์เวที FILE",
    "The group's name, e.g. 'การคุ้มครองทางสังคมสำหรับเด็ก'.":
        "ชื่อกลุ่ม เช่น 'การคุ้มครองทางสังคมสำหรับเด็ก'",
    "A member agency (repeatable).": "หน่วยงานที่เข้าร่วม (ระบุซ้ำได้)",
    "The group's facilitator.": "วิทยากรกระบวนการประจำกลุ่ม",
    "Add member agencies to group KEY.": "เพิ่มหน่วยงานที่เข้าร่วมในกลุ่มรหัส KEY",
    "Add participants to groups.": "เพิ่มผู้เข้าร่วมในกลุ่ม",
    "Add a participant (anonymous without --name) to a group.\n\nWithout KEY one is made: p1, p2, …":
        "เพิ่มผู้เข้าร่วมในกลุ่ม (ไม่ระบุชื่อถ้าไม่ใส่ --name)\n\n"
        "ถ้าไม่ระบุ KEY ระบบจะตั้งรหัสให้: p1, p2, …",
    "The participant's group.": "กลุ่มของผู้เข้าร่วม",
    "Name; leave out for an anonymous participant.": "ชื่อ ไม่ต้องใส่ถ้าผู้เข้าร่วมไม่ประสงค์ออกนาม",
    "The participant's agency.": "หน่วยงานของผู้เข้าร่วม",
    "Add this many anonymous participants (p1, p2, …).":
        "เพิ่มผู้เข้าร่วมแบบไม่ระบุชื่อตามจำนวนนี้ (p1, p2, …)",
    "Record answers to a text, list, table or choice prompt.\n\n\b\nEach VALUE of a text or list "
    "prompt is one answer; a table prompt takes\nfield=value pairs making one row; a choice prompt "
    "takes choice keys.":
        "บันทึกคำตอบของคำถามแบบข้อความ รายการ ตาราง หรือตัวเลือก\n\n"
        "ค่า VALUE แต่ละค่าของคำถามแบบข้อความหรือรายการคือหนึ่งคำตอบ"
        " คำถามแบบตารางรับคู่ field=value ที่รวมกันเป็นหนึ่งแถว"
        " คำถามแบบตัวเลือกรับรหัสของตัวเลือก",
    "The group answering.": "กลุ่มที่ตอบ",
    "The method, e.g. aar.": "วิธีการ เช่น aar",
    "The step (needed only if the prompt key is in several).":
        "ขั้นตอน (ต้องระบุเฉพาะเมื่อรหัสคำถามซ้ำกันในหลายขั้นตอน)",
    "The prompt key ('lessonkit prompts' lists them).":
        "รหัสคำถาม (ดูได้จาก 'lessonkit prompts')",
    "Who answers; leave out for the group's answer.":
        "ผู้ตอบ ไม่ต้องใส่ถ้าเป็นคำตอบของทั้งกลุ่ม",
    "A theme to tag the answers with (repeatable).": "ประเด็นที่ติดให้คำตอบ (ระบุซ้ำได้)",
    "Print a session: its groups, members, participants and answers.":
        "แสดงเวที: กลุ่ม สมาชิก ผู้เข้าร่วม และคำตอบ",
    "Only this group.": "เฉพาะกลุ่มนี้",
    "Check a session file against the format and the installed methods.":
        "ตรวจสอบไฟล์เวทีตามรูปแบบไฟล์และวิธีการที่ติดตั้งไว้",
    "Output the problems as JSON.": "แสดงปัญหาที่พบเป็น JSON",
    "Print the JSON Schema of the session file format.": "พิมพ์ JSON Schema ของรูปแบบไฟล์เวที",
    # ask
    "Ask the prompts one at a time and save each answer as it is given.\n\n\b\nStarts at the first "
    "question not answered yet, so an interrupted walk\n(q, Ctrl-C, a closed laptop) continues "
    "where it stopped. Type - to\nskip a question, < to go back, q to finish later.":
        "ถามทีละคำถาม และบันทึกคำตอบทันทีที่ตอบ\n\n"
        "เริ่มจากข้อแรกที่ยังไม่ได้ตอบ ถ้าหยุดกลางคัน (q หรือ Ctrl-C หรือปิดเครื่อง)"
        " เรียกคำสั่งเดิมอีกครั้งก็จะถามต่อจากข้อที่ค้างไว้"
        " พิมพ์ - เพื่อข้าม < เพื่อย้อนกลับ q เพื่อพักไว้ทำต่อภายหลัง",
    "Who answers (an existing participant); leave out for the group's answers.":
        "ผู้ตอบ (ผู้เข้าร่วมที่มีอยู่แล้ว) ไม่ต้องใส่ถ้าเป็นคำตอบของทั้งกลุ่ม",
    # scoring and ranking
    "Record a participant's scores: ITEM=VALUE pairs.\n\n\b\nITEM is a list entry's id (e3), its "
    "number in the list (3) or its exact\ntext; VALUE is a score on the prompt's scale (Thai "
    "digits too; 'na' for\n\"does not apply\" where allowed), a number of dots, or a position in "
    "a\nranking. An invalid value is refused and nothing is saved.":
        "บันทึกคะแนนของผู้เข้าร่วม: คู่ ITEM=VALUE\n\n"
        "ITEM คือรหัสรายการ (e3) หรือลำดับในรายการ (3) หรือข้อความของรายการตรงตัว"
        " VALUE คือคะแนนตามมาตรวัดของคำถาม (ใช้เลขไทยได้ และใช้ 'na' แทน \"ไม่เกี่ยวข้อง\""
        " เมื่อคำถามยอมให้ใช้) หรือจำนวนจุด หรือลำดับที่ในการจัดลำดับ"
        " ค่าที่ไม่ถูกต้องจะถูกปฏิเสธ และไม่มีอะไรถูกบันทึก",
    "The group.": "กลุ่ม",
    "The method, e.g. ee.": "วิธีการ เช่น ee",
    "The score, dots or rank prompt (default: the step's only scored prompt).":
        "คำถามแบบให้คะแนน ลงคะแนนด้วยจุด หรือจัดลำดับ"
        " (ค่าเริ่มต้น: คำถามให้คะแนนข้อเดียวของขั้นตอน)",
    "Who gives these scores.": "ผู้ให้คะแนนเหล่านี้",
    "The criterion, for prompts scored per criterion.": "เกณฑ์ สำหรับคำถามที่ให้คะแนนแยกตามเกณฑ์",
    "Rank the items of a scored prompt, ties shown honestly.":
        "จัดลำดับรายการของคำถามที่ให้คะแนน โดยแสดงลำดับที่เท่ากันตามจริง",
    "The scored prompt (default: the step's only scored prompt).":
        "คำถามที่ให้คะแนน (ค่าเริ่มต้น: คำถามให้คะแนนข้อเดียวของขั้นตอน)",
    "Ranking rule ('lessonkit rules' lists them); default: the prompt's or method's.":
        "กฎการจัดลำดับ (ดูได้จาก 'lessonkit rules') ค่าเริ่มต้น: กฎของคำถามหรือของวิธีการ",
    "Numbering of ties: 1, 2=, 2=, 4 or 1, 2=, 2=, 3.":
        "การนับลำดับที่เท่ากัน: 1, 2=, 2=, 4 หรือ 1, 2=, 2=, 3",
    "Comma list applied in order to break ties: top (more top scores), bottom (fewer bottom "
    "scores), spread (smaller spread), n (larger n), random (seeded draw), draw (ballot-hash "
    "draw), none.":
        "ตัวแยกลำดับที่เท่ากัน คั่นด้วยจุลภาค ใช้ตามลำดับที่ระบุ:"
        " top (ได้คะแนนสูงสุดมากกว่า) bottom (ได้คะแนนต่ำสุดน้อยกว่า)"
        " spread (การกระจายน้อยกว่า) n (จำนวนผู้ให้คะแนนมากกว่า)"
        " random (สุ่มตามค่า seed) draw (จับสลากจากค่าแฮชของบัตรคะแนน) none (ไม่แยก)",
    "What a skipped score counts as (default: the rule's policy).":
        "คะแนนที่ข้ามไปให้นับเป็นอะไร (ค่าเริ่มต้น: ตามนโยบายของกฎ)",
    "The value for --missing value.": "ค่าที่ใช้เมื่อระบุ --missing value",
    "Do not rank items with fewer scores than this.": "ไม่จัดลำดับรายการที่มีคะแนนน้อยกว่าจำนวนนี้",
    "Seed of the 'random' tie-break.": "ค่า seed ของตัวแยกลำดับแบบ 'random'",
    "approval: the lowest 'top' score.": "approval: คะแนนต่ำสุดที่นับว่าเป็น 'top'",
    "truncated_borda: places counted.": "truncated_borda: จำนวนลำดับที่นับคะแนน",
    "importance_performance: the prompt with the second ratings.":
        "importance_performance: คำถามที่มีคะแนนชุดที่สอง",
    "importance_performance: use the gap to the top of the scale.":
        "importance_performance: ใช้ระยะห่างจากคะแนนสูงสุดของมาตรวัด",
    "Output format.": "รูปแบบของผลลัพธ์",
    # reports, export, import, demo, completion
    "Write the report book of a session: cover, foreword, summary, process, results by group, "
    "conclusions and appendices, in Thai or English.":
        "เขียนเล่มรายงานของเวที: ปก คำนำ บทสรุปผู้บริหาร กระบวนการ ผลของแต่ละกลุ่ม"
        " สรุปและข้อเสนอแนะ และภาคผนวก เป็นภาษาไทยหรือภาษาอังกฤษ",
    "The draft edition for use during the day: keeps 'no answers yet' placeholders, groups "
    "without data and the facilitator's warnings (the final book leaves them out and prints the "
    "warnings here).":
        "ฉบับร่างสำหรับใช้ระหว่างเวที: คงข้อความ 'ยังไม่มีคำตอบ' กลุ่มที่ยังไม่มีข้อมูล"
        " และคำเตือนของวิทยากร (ฉบับสมบูรณ์ไม่พิมพ์สิ่งเหล่านี้ และแสดงคำเตือนที่นี่แทน)",
    "The session's own details (the report book's cover, foreword, agenda).":
        "รายละเอียดของเวที (ปก คำนำ และกำหนดการของเล่มรายงาน)",
    "Set the report book's details of the session FILE: organiser, head count, foreword, "
    "introduction and agenda. Options left out stay as they are.":
        "กำหนดรายละเอียดของเล่มรายงานในไฟล์เวที FILE: หน่วยงานผู้จัด จำนวนผู้เข้าร่วม คำนำ"
        " บทนำ และกำหนดการ ตัวเลือกที่ไม่ระบุ คงค่าเดิม",
    "The organising unit, shown on the cover and under the foreword ('' clears it).":
        "หน่วยงานผู้จัด แสดงบนปก และท้ายคำนำ ('' เพื่อลบ)",
    "The real head count of the workshop (the cover shows it; the registered participants may be "
    "fewer).":
        "จำนวนผู้เข้าร่วมจริงของเวที (แสดงบนปก ผู้ลงทะเบียนในไฟล์ อาจมีน้อยกว่า)",
    "A UTF-8 text file with the foreword; '' removes it.":
        "ไฟล์ข้อความ UTF-8 ของคำนำ ('' เพื่อลบ)",
    "A UTF-8 text file with the introduction chapter's text; '' removes it.":
        "ไฟล์ข้อความ UTF-8 ของบทนำ ('' เพื่อลบ)",
    "A UTF-8 text file with the programme, one item per line (an appendix of the book); '' "
    "removes it.":
        "ไฟล์ข้อความ UTF-8 ของกำหนดการ บรรทัดละหนึ่งรายการ (เป็นภาคผนวกของเล่ม) ('' เพื่อลบ)",
    "Forget the head count (the cover then counts the registered participants).":
        "ลบจำนวนผู้เข้าร่วมจริง (ปกจะนับผู้ลงทะเบียนแทน)",
    "Only this group's chapter.": "เฉพาะบทของกลุ่มนี้",
    "md, html, txt, json, docx (or a plugin's); default from -o's extension, else txt.":
        "md, html, txt, json, docx (หรือรูปแบบของปลั๊กอิน) ค่าเริ่มต้น: ตามนามสกุลของ -o"
        " ถ้าไม่มีจึงใช้ txt",
    "Write to this file (default: standard output).": "เขียนลงไฟล์นี้ (ค่าเริ่มต้น: ผลลัพธ์มาตรฐาน)",
    "Numerals: Thai (๑๒๓) or Arabic (123). Default: Thai for Thai output.":
        "ตัวเลข: เลขไทย (๑๒๓) หรือเลขอารบิก (123) ค่าเริ่มต้น: เลขไทยเมื่อแสดงผลภาษาไทย",
    "Export a tidy table (one row per answer, score, ranked item or action).\n\n\b\nCSV is UTF-8 "
    "with a byte-order mark, so Excel shows Thai correctly.\nText that a spreadsheet would run as "
    "a formula (=, +, -, @ …) is\nwritten with a leading ' ; numbers stay numbers. Parquet writes "
    "the\ntables sessions, groups, participants, entries, scores and actions\ninto the folder -o "
    "(see docs/data-model.md; --what is not used).":
        "ส่งออกตารางข้อมูล (หนึ่งแถวต่อหนึ่งคำตอบ คะแนน รายการที่จัดลำดับ"
        " หรือสิ่งที่ต้องดำเนินการ)\n\n"
        "ไฟล์ CSV เป็น UTF-8 ที่มี BOM นำหน้า Excel จึงแสดงภาษาไทยได้ถูกต้อง"
        " ข้อความที่โปรแกรมตารางคำนวณจะถือเป็นสูตร (=, +, -, @ …) จะเขียนโดยมี ' นำหน้า"
        " ส่วนตัวเลขยังคงเป็นตัวเลข\n\n"
        "รูปแบบ Parquet เขียนตาราง sessions, groups, participants, entries, scores และ actions"
        " ลงในโฟลเดอร์ -o (ดู docs/data-model.md และไม่ใช้ --what)",
    "The file format; parquet writes every table into the folder -o (needs the parquet extra).":
        "รูปแบบไฟล์ รูปแบบ parquet เขียนทุกตารางลงในโฟลเดอร์ -o (ต้องติดตั้งส่วนเสริม parquet)",
    "Parquet: replace an existing folder.": "Parquet: เขียนทับโฟลเดอร์ที่มีอยู่",
    "Collect many session files into one Parquet dataset.\n\n\b\nFolders are searched for *.json "
    "session files. Each file becomes\nrows of the tables sessions, groups, participants, entries, "
    "scores\nand actions, keyed by its path (the column session): query them\nwith DuckDB, Spark "
    "or pandas (docs/data-model.md). A file that is\nnot a session stops the command, naming it; "
    "nothing is written.":
        "รวมไฟล์เวทีจำนวนมากเป็นชุดข้อมูล Parquet ชุดเดียว\n\n"
        "ค้นหาไฟล์เวที *.json ในโฟลเดอร์ที่ระบุ แต่ละไฟล์กลายเป็นแถวในตาราง sessions, groups,"
        " participants, entries, scores และ actions โดยมีที่อยู่ของไฟล์เป็นรหัส (คอลัมน์ session)"
        " สอบถามข้อมูลได้ด้วย DuckDB, Spark หรือ pandas (docs/data-model.md)"
        " ไฟล์ที่ไม่ใช่ไฟล์เวทีจะทำให้คำสั่งหยุดพร้อมแจ้งชื่อไฟล์ และจะไม่เขียนอะไรเลย",
    "The dataset folder to write (one Parquet file per table).":
        "โฟลเดอร์ของชุดข้อมูลที่จะเขียน (หนึ่งไฟล์ Parquet ต่อหนึ่งตาราง)",
    "Replace an existing folder.": "เขียนทับโฟลเดอร์ที่มีอยู่",
    "Keep Thai words whole in table cells (needs lessonkit[thai]); default: on for HTML and PDF, "
    "off for DOCX, whose cells then hold invisible word joiners.":
        "ไม่ตัดคำภาษาไทยกลางคำในช่องตาราง (ต้องติดตั้ง lessonkit[thai]) ค่าเริ่มต้น: เปิดสำหรับ HTML"
        " และ PDF ปิดสำหรับ DOCX เพราะจะมีอักขระเชื่อมคำที่มองไม่เห็นอยู่ในข้อความของช่อง",
    "List every participant and answer, however many (by default a large group's are summarised: "
    "counts and the most frequent answers).":
        "แสดงผู้เข้าร่วมและคำตอบทั้งหมดไม่ว่าจะมีมากเท่าใด"
        " (ค่าเริ่มต้น: กลุ่มใหญ่จะแสดงเป็นสรุป คือจำนวนและคำตอบที่พบบ่อยที่สุด)",
    "Write here (default: CSV to standard output).": "เขียนลงไฟล์นี้ (ค่าเริ่มต้น: CSV ออกทางผลลัพธ์มาตรฐาน)",
    "Which table to export.": "ตารางที่จะส่งออก",
    "Import answers and scores from a survey export (CSV or XLSX) into FILE.\n\n\b\nRecognises "
    "Google Forms and KoboToolbox exports; each column is matched\nto a prompt by its text (Thai "
    "or English) or key, a Google Forms grid\ncolumn \"Question [Item]\" to the item it scores. "
    "Each row becomes a\nparticipant. A row that fails is reported with its row number "
    "and\ncolumn, and nothing is written unless every row passes (or\n--skip-invalid). A column "
    "of participant codes (\"Participant\",\n\"รหัสผู้เข้าร่วม\") must name participants already "
    "in the group, unless\n--new-participants; blank codes, short rows and XLSX formulas "
    "without\na saved result are refused.":
        "นำเข้าคำตอบและคะแนนจากไฟล์ส่งออกของแบบสำรวจ (CSV หรือ XLSX) ลงในไฟล์ FILE\n\n"
        "รู้จักไฟล์ส่งออกจาก Google Forms และ KoboToolbox"
        " แต่ละคอลัมน์จะจับคู่กับคำถามตามข้อความ (ไทยหรืออังกฤษ) หรือรหัสคำถาม"
        " คอลัมน์ตารางของ Google Forms แบบ \"คำถาม [รายการ]\" จับคู่กับรายการที่ให้คะแนน"
        " แต่ละแถวคือผู้เข้าร่วมหนึ่งคน แถวที่ผิดจะแจ้งเลขแถวและคอลัมน์"
        " และจะไม่บันทึกอะไรเลยจนกว่าทุกแถวจะผ่าน (หรือใช้ --skip-invalid)\n\n"
        "คอลัมน์รหัสผู้เข้าร่วม (\"Participant\" หรือ \"รหัสผู้เข้าร่วม\") ต้องเป็นรหัสของผู้เข้าร่วม"
        " ที่มีอยู่แล้วในกลุ่ม เว้นแต่ใช้ --new-participants"
        " รหัสที่เว้นว่าง แถวที่ข้อมูลไม่ครบ และสูตร XLSX ที่ไม่มีผลลัพธ์บันทึกไว้ จะถูกปฏิเสธ",
    "The group the rows belong to (else a mapped group column, or the only group).":
        "กลุ่มของแถวเหล่านี้ (ถ้าไม่ระบุ ใช้คอลัมน์กลุ่มที่จับคู่ไว้ หรือกลุ่มเดียวที่มี)",
    "Match columns to this method's prompts only.": "จับคู่คอลัมน์กับคำถามของวิธีการนี้เท่านั้น",
    "Match columns to this step's prompts only.": "จับคู่คอลัมน์กับคำถามของขั้นตอนนี้เท่านั้น",
    "A JSON mapping of columns to prompts (draft one with --write-mapping).":
        "ไฟล์ JSON จับคู่คอลัมน์กับคำถาม (ร่างได้ด้วย --write-mapping)",
    "Write a draft mapping (every column, its best guess or null) and stop.":
        "เขียนร่างการจับคู่ (ทุกคอลัมน์ พร้อมคำถามที่น่าจะตรงที่สุด หรือ null) แล้วหยุด",
    "Show what would be added; write nothing.": "แสดงสิ่งที่จะเพิ่ม โดยไม่บันทึกอะไร",
    "Import the valid rows; list every row left out and why.":
        "นำเข้าแถวที่ถูกต้อง และแจ้งทุกแถวที่ไม่ได้นำเข้าพร้อมเหตุผล",
    "Allow codes in a participant column that are not in the session yet (each is listed as a "
    "new participant); without it they are refused.":
        "ยอมรับรหัสในคอลัมน์ผู้เข้าร่วมที่ยังไม่มีในเวที (แต่ละรหัสจะแจ้งว่าเป็นผู้เข้าร่วมใหม่)"
        " ถ้าไม่ระบุ รหัสเหล่านั้นจะถูกปฏิเสธ",
    # serve
    "Run a live workshop from PATH: participants answer, score and vote from their phones,\nthe "
    "projector shows the ranking as it forms, the facilitator steers from a dashboard.\n\n\b\n"
    "The server is the file's only writer while it runs (other lessonkit commands on\nit fail, "
    "naming the server); every answer is on disk before the phone is told\nit is saved. Ctrl+C "
    "stops it and folds everything into PATH.":
        "จัดเวทีสดจากไฟล์ PATH: ผู้เข้าร่วมตอบ ให้คะแนน และลงคะแนนจากโทรศัพท์\n\n"
        "จอโปรเจกเตอร์แสดงการจัดลำดับขณะที่ผลค่อย ๆ ออกมา"
        " และวิทยากรกระบวนการควบคุมเวทีจากหน้าแดชบอร์ด\n\n"
        "ระหว่างที่เซิร์ฟเวอร์ทำงาน เซิร์ฟเวอร์เป็นผู้เขียนไฟล์เพียงผู้เดียว"
        " (คำสั่ง lessonkit อื่นที่ใช้ไฟล์นี้จะล้มเหลวพร้อมแจ้งว่าเซิร์ฟเวอร์ใช้อยู่)"
        " ทุกคำตอบถูกบันทึกลงดิสก์ก่อนที่โทรศัพท์จะแสดงว่าบันทึกแล้ว"
        " กด Ctrl+C เพื่อหยุด แล้วทุกอย่างจะรวมเข้าไว้ในไฟล์ PATH",
    "Address to listen on (loopback: only this computer).":
        "ที่อยู่ที่รอรับการเชื่อมต่อ (ค่าเริ่มต้นเป็นที่อยู่ภายใน: เฉพาะเครื่องนี้)",
    "Port to listen on.": "พอร์ตที่รอรับการเชื่อมต่อ",
    "Listen on the LAN (0.0.0.0) so phones on the same Wi-Fi can join; prints every LAN address.":
        "รอรับการเชื่อมต่อจากเครือข่าย LAN (0.0.0.0) เพื่อให้โทรศัพท์ที่ใช้ Wi-Fi เดียวกันเข้าร่วมได้"
        " และแสดงที่อยู่ LAN ทุกที่อยู่",
    "Print the join QR code in the terminal.": "แสดงคิวอาร์โค้ดสำหรับเข้าร่วมในเทอร์มินัล",
    "Build the seeds' examples from data shipped with lessonkit — the workshop of 22 Dec 2560 "
    "BE and a 5C4F assessment of Khok Muang, Phatthalung — write their report books in every "
    "format into --out, and print each one's ranked table (taking stock; children's needs).":
        "สร้างตัวอย่างจากข้อมูลที่มากับ lessonkit พร้อมเล่มรายงานทุกรูปแบบ\n\n"
        "ตัวอย่างได้แก่ เวทีวันที่ ๒๒ ธันวาคม ๒๕๖๐ และการประเมิน 5C4F ของเทศบาลตำบลโคกม่วง"
        " จังหวัดพัทลุง เล่มรายงานทุกรูปแบบเขียนลงในโฟลเดอร์ --out"
        " และแสดงตารางการจัดลำดับของแต่ละตัวอย่าง (การตรวจสอบต้นทุน และความต้องการของเด็ก)",
    "Folder for the session files and reports.": "โฟลเดอร์สำหรับไฟล์เวทีและรายงาน",
    "Language of the reports (default: the sessions' own, Thai).":
        "ภาษาของรายงาน (ค่าเริ่มต้น: ภาษาของเวที คือภาษาไทย)",
    "Print the shell completion script for SHELL: bash, zsh, fish or powershell.\n\nWith it, Tab "
    "completes commands, options, files and choices such as the report formats.":
        "พิมพ์สคริปต์เติมคำสั่งอัตโนมัติของเชลล์ SHELL: bash, zsh, fish หรือ powershell\n\n"
        "เมื่อตั้งค่าแล้ว กด Tab จะเติมคำสั่ง ตัวเลือก ชื่อไฟล์ และค่าที่เลือกได้"
        " เช่น รูปแบบรายงาน ให้",
    "\b\nSet up once (then open a new shell):\n"
    "  bash        lessonkit completion bash > ~/.lessonkit-complete.bash\n"
    "              echo '. ~/.lessonkit-complete.bash' >> ~/.bashrc\n"
    "  zsh         lessonkit completion zsh > ~/.lessonkit-complete.zsh\n"
    "              echo '. ~/.lessonkit-complete.zsh' >> ~/.zshrc\n"
    "  fish        lessonkit completion fish > ~/.config/fish/completions/lessonkit.fish\n"
    "  PowerShell  lessonkit completion powershell | Out-File -Encoding utf8 ~/lessonkit-complete.ps1\n"
    "              Add-Content $PROFILE '. ~/lessonkit-complete.ps1'\n":
        "\b\nตั้งค่าครั้งเดียว (แล้วเปิดเชลล์ใหม่):\n"
        "  bash        lessonkit completion bash > ~/.lessonkit-complete.bash\n"
        "              echo '. ~/.lessonkit-complete.bash' >> ~/.bashrc\n"
        "  zsh         lessonkit completion zsh > ~/.lessonkit-complete.zsh\n"
        "              echo '. ~/.lessonkit-complete.zsh' >> ~/.zshrc\n"
        "  fish        lessonkit completion fish \\\n"
        "                > ~/.config/fish/completions/lessonkit.fish\n"
        "  PowerShell  lessonkit completion powershell |\n"
        "                Out-File -Encoding utf8 ~/lessonkit-complete.ps1\n"
        "              Add-Content $PROFILE '. ~/lessonkit-complete.ps1'\n",
}


def register() -> None:
    """Register the core's and click's Thai help (harmless to call again)."""
    help_texts("click", lambda: {english: {"th": thai} for english, thai in CLICK.items()})
    help_texts("lessonkit", lambda: {english: {"th": thai} for english, thai in CORE.items()})
