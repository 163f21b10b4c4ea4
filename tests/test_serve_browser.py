"""A live workshop in real headless Chromium (Selenium + chromedriver): two phones, a projector,
the facilitator's dashboard, an AAR then an Empowerment Evaluation.

Needs Debian's ``chromium`` and ``chromium-driver`` and ``lessonkit[serve-test]``; skipped,
saying so, where they are not installed. Screenshots go to ``LESSONKIT_SCREENSHOTS`` when set.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("httpx")
webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.common.by import By  # noqa: E402

from lessonkit import files, workshop  # noqa: E402
from lessonkit.plugins import get_registry  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None or DRIVER is None,
                       reason="Chromium or chromedriver is not installed (Debian: apt-get install chromium chromium-driver)"),
]

from test_serve_durability import Server  # noqa: E402

PHONE = (360, 740)
PROJECTOR = (1280, 720)


def browser(width: int, height: int, downloads: Path | None = None) -> Any:
    options = webdriver.ChromeOptions()
    assert CHROMIUM is not None
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--hide-scrollbars", f"--window-size={width},{height}"):
        options.add_argument(arg)
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
    service = webdriver.ChromeService(executable_path=DRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
    return driver


def wait_for(condition: Callable[[], Any], timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def shoot(driver: Any, name: str, folder: Path) -> Path:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    target = os.environ.get("LESSONKIT_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)
    assert path.stat().st_size > 5000
    return path


def no_overflow(driver: Any) -> None:
    width, inner = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the page is {width}px wide in a {inner}px window"


def shipped_font_loaded(driver: Any) -> bool:
    """Whether the page drew with the Sarabun shipped in the package (when the package has it)."""
    from importlib import resources

    if not (resources.files("lessonkit") / "fonts" / "sarabun-thai-400-normal.woff2").is_file():
        return True
    return bool(driver.execute_script(
        "return Array.from(document.fonts).some(f => f.family.includes('lessonkit Sarabun') "
        "&& f.status === 'loaded' && f.unicodeRange.includes('E01'))"))


def thai_glyphs_render(driver: Any) -> bool:
    """Whether Thai text is drawn with a real Thai font (not boxes): a Thai string is wider than 0
    and differs in width from the same count of an unsupported character."""
    return bool(driver.execute_script("""
        const c = document.createElement('canvas').getContext('2d');
        c.font = '20px ' + getComputedStyle(document.body).fontFamily;
        const thai = c.measureText('การประชุมทดสอบ').width;
        const tofu = c.measureText('\\uFFFF'.repeat(14)).width;
        return thai > 20 && Math.abs(thai - tofu) > 1;"""))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Server]:
    registry = get_registry()
    session = workshop.new_session(registry, "ทบทวนหลังปฏิบัติงาน อบต.ทดสอบ", methods=["aar", "ee"])
    workshop.add_group(session, "g1", "กลุ่มป้องกันอุบัติเหตุ")
    path = tmp_path / "ws.json"
    files.save(session, path)
    server = Server(path)
    yield server
    if server.process.poll() is None:
        server.stop()


def fill_and_save(driver: Any, prompt: str, field: str, text: str) -> None:
    section = driver.find_element(By.ID, prompt)
    box = section.find_element(By.NAME, field)
    box.clear()
    box.send_keys(text)
    section.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(lambda: f"saved={prompt}" in driver.current_url)


def test_two_phones_answer_score_and_vote_while_the_projector_ranks(served: Server, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    shots.mkdir()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    boss = browser(1280, 900, downloads)
    phones = [browser(*PHONE), browser(*PHONE)]
    screen = browser(*PROJECTOR)
    try:
        base = served.base
        boss.get(f"{base}/f/{served.tokens['facilitator']}")
        assert boss.current_url == f"{base}/f"  # the token is not left in the address bar

        def open_for_all(target: str) -> None:
            boss.get(f"{base}/f")
            form = boss.find_elements(By.CSS_SELECTOR, "form.inline.card")[0]
            form.find_element(By.CSS_SELECTOR, f"select[name=target] option[value='{target}']").click()
            form.find_element(By.CSS_SELECTOR, "button[value=open]").click()
            wait_for(lambda: "done=open" in boss.current_url)

        # AAR: each phone answers the review questions
        open_for_all("aar/review")
        join = f"{base}/j/{served.tokens['groups']['g1']['token']}"
        answers = ["ซ้อมแผนครบทุกหมู่บ้าน", "อาสาสมัครมาน้อยกว่าที่คาด"]
        for phone, answer in zip(phones, answers, strict=True):
            phone.get(join)
            phone.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            wait_for(lambda p=phone: p.current_url.endswith("/p"))
            fill_and_save(phone, "expected", "text", answer)
        assert "บันทึกแล้ว" in phones[0].page_source
        shoot(phones[0], "phone-aar", shots)
        no_overflow(phones[0])
        assert thai_glyphs_render(phones[0])
        assert shipped_font_loaded(phones[0])

        # EE taking stock: activities, then importance scores and dots
        open_for_all("ee/taking_stock")
        phones[0].get(f"{base}/p")
        fill_and_save(phones[0], "activities", "items", "ฝึกอบรมอาสาสมัคร\nตั้งด่านชุมชน")
        phones[1].get(f"{base}/p")
        fill_and_save(phones[1], "activities", "items", "รณรงค์สวมหมวกกันน็อก")

        screen.get(f"{base}/s/{served.tokens['projector']}?group=g1")
        assert "ตอบแล้ว ๐ คน" in screen.page_source  # counts, not content, until revealed
        boss.get(f"{base}/f")
        reveal = boss.find_element(By.CSS_SELECTOR, "input[name=prompt][value='ee/taking_stock/dots']")
        reveal.find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "button[value=reveal]").click()
        wait_for(lambda: "done=reveal" in boss.current_url)

        def table() -> str:
            rows = screen.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")
            return " | ".join(r.text for r in rows)

        wait_for(lambda: "ฝึกอบรมอาสาสมัคร" in table(), timeout=5)
        for phone, dots in zip(phones, ({"e3": "3", "e4": "2"}, {"e5": "4", "e3": "1"}), strict=True):
            phone.get(f"{base}/p")
            section = phone.find_element(By.ID, "importance")
            for radio in section.find_elements(By.CSS_SELECTOR, "input[type=radio][value='3']"):
                radio.click()
            section.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait_for(lambda p=phone: "saved=importance" in p.current_url)
            section = phone.find_element(By.ID, "dots")
            for item, count in dots.items():
                box = section.find_element(By.NAME, f"d.{item}")
                box.clear()
                box.send_keys(count)
            left = section.find_element(By.CSS_SELECTOR, ".dots-left").text
            assert left.startswith("เหลือ ๐ จุด"), left  # updated as the participant types
            before = table()
            section.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait_for(lambda p=phone: "saved=dots" in p.current_url)
            started = time.monotonic()
            wait_for(lambda b=before: table() != b, timeout=5)  # pushed by Server-Sent Events
            assert time.monotonic() - started < 2.0
        ranked = table()
        # the ranking engine's labels: a tie at the top in Thai numerals, then third
        assert ranked == "๑= ฝึกอบรมอาสาสมัคร ๔ ๒ | ๑= รณรงค์สวมหมวกกันน็อก ๔ ๒ | ๓ ตั้งด่านชุมชน ๒ ๒", ranked
        phones[1].get(f"{base}/p")
        shoot(phones[1], "phone-ee", shots)
        no_overflow(phones[1])
        shoot(screen, "projector", shots)
        no_overflow(screen)
        assert thai_glyphs_render(screen)
        assert shipped_font_loaded(screen)

        # over budget: refused next to the field, in Thai
        section = phones[1].find_element(By.ID, "dots")
        box = section.find_element(By.NAME, "d.e4")
        box.clear()
        box.send_keys("5")
        section.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        assert "เกินเพดาน" in phones[1].page_source or "แต่มีเพียง ๕ จุด" in phones[1].page_source
        shoot(phones[1], "phone-refused", shots)
        no_overflow(phones[1])

        # the facilitator downloads the report: it holds both phones' answers
        boss.get(f"{base}/f/cards")
        shoot(boss, "cards", shots)
        assert boss.find_element(By.CSS_SELECTOR, ".table-card img").get_attribute("naturalWidth") != "0"
        boss.get(f"{base}/f")
        shoot(boss, "dashboard", shots)
        boss.find_element(By.CSS_SELECTOR, "a[href='/f/report.html']").click()
        report = wait_for(lambda: next(iter(downloads.glob("*.html")), None), timeout=15)
        text = wait_for(lambda: report.read_text(encoding="utf-8") if report.stat().st_size else "")
        shown = re.sub(r"<[^>]+>", "", text)  # table cells wrap each Thai word in a span
        for answer in [*answers, "ฝึกอบรมอาสาสมัคร", "รณรงค์สวมหมวกกันน็อก"]:
            assert answer in shown, answer
    finally:
        for driver in (boss, *phones, screen):
            driver.quit()


def test_the_projector_refreshes_without_javascript(served: Server) -> None:
    driver = browser(*PROJECTOR)
    try:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        driver.get(f"{served.base}/s/{served.tokens['projector']}")
        marker = driver.find_element(By.TAG_NAME, "main").id  # a new element after a reload
        time.sleep(3.0)
        assert driver.find_element(By.TAG_NAME, "main").id != marker  # the page reloaded by itself
    finally:
        driver.quit()
