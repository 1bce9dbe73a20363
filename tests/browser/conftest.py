import os
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium from the system packages."""
    binary = os.environ.get("CHROMIUM") or shutil.which("chromium")
    driver_path = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not (binary and driver_path):
        pytest.fail(
            "Chromium and ChromeDriver are required; run scripts/services start"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1280,900",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.implicitly_wait(5)
    yield driver
    driver.quit()
