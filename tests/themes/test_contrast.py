"""Text on backgrounds derived from the primary colour keeps AA contrast."""

import re

from django.contrib.staticfiles import finders

import pytest

from cms.models.identity import THEME_CHOICES
from cms.validators import contrast_ratio

# The darkest grey on which white text just passes 4.5:1: the weakest primary
# colour a site may choose.
WEAKEST_PRIMARY = "#767676"
RULE_RE = re.compile(r"^([^{}/]+)\{([^{}]*)\}", re.MULTILINE)
RGBA_RE = re.compile(r"rgba\(\s*(\d+),\s*(\d+),\s*(\d+),\s*([.\d]+)\s*\)")


def declarations(theme, selector):
    """Return the declarations of every rule of the theme naming ``selector``."""
    css = open(finders.find(f"themes/css/theme-{theme}.css"), encoding="utf-8").read()
    found = {}
    for selectors, body in RULE_RE.findall(css):
        if selector in [s.strip() for s in selectors.split(",")]:
            for declaration in body.split(";"):
                if ":" in declaration:
                    name, value = declaration.split(":", 1)
                    found[name.strip()] = value.strip()
    return found


def paint(base, background):
    """Return the colour of ``background`` painted over the hex colour ``base``."""
    if background == "var(--primary)":
        return WEAKEST_PRIMARY
    if re.fullmatch(r"#[0-9a-f]{3}", background):
        return "#" + "".join(2 * digit for digit in background[1:])
    if re.fullmatch(r"#[0-9a-f]{6}", background):
        return background
    match = RGBA_RE.fullmatch(background)
    assert match, background
    *over, alpha = match.groups()
    mixed = [
        round(
            int(channel) * float(alpha) + int(base[i : i + 2], 16) * (1 - float(alpha))
        )
        for channel, i in zip(over, (1, 3, 5), strict=True)
    ]
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


@pytest.mark.parametrize("theme", [name for name, _label in THEME_CHOICES])
def test_current_and_hovered_menu_items_keep_aa_contrast(theme):
    colour = paint("#ffffff", declarations(theme, ".site-nav a")["color"])
    header = paint("#ffffff", declarations(theme, ".site-header")["background"])
    bar = paint(header, declarations(theme, ".site-nav")["background"])
    for state in ('.site-nav a[aria-current="page"]', ".site-nav a:hover"):
        shade = paint(bar, declarations(theme, state)["background"])

        assert contrast_ratio(colour, shade) >= 4.5, (theme, state, shade)
