// Accessibility facts of the loaded page, read by tests/dossier/test_browser.py.
(() => {
  const parse = (text) => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const background = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) return colour;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const ratio = (x, y) => {
    const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
  };
  const lowContrast = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest(".skip")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const inSvg = el instanceof SVGElement;
    const fg = parse(inSvg ? style.fill : style.color);
    if (!fg) continue;
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const got = ratio(fg, background(el));
    if (got < (large ? 3 : 4.5)) lowContrast.push(`${el.tagName} ${got.toFixed(2)}: ${el.textContent.slice(0, 40)}`);
  }
  const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
  const skipped = levels.filter((level, i) => i > 0 && level > levels[i - 1] + 1).length;
  const pictures = [...document.querySelectorAll('svg[role="img"]')];
  const unnamed = pictures.filter((svg) => {
    const ids = (svg.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    const text = ids.map((id) => (document.getElementById(id) || { textContent: "" }).textContent.trim());
    return ids.length < 2 || text.some((t) => !t);
  }).length;
  return {
    lang: document.documentElement.lang,
    title: document.title,
    h1: document.querySelectorAll("h1").length,
    skipped_heading_levels: skipped,
    header: document.querySelectorAll("header").length,
    nav: document.querySelectorAll("nav[aria-label]").length,
    main: document.querySelectorAll("main").length,
    footer: document.querySelectorAll("footer").length,
    th_without_scope: [...document.querySelectorAll("th")].filter((th) => !th.getAttribute("scope")).length,
    tables_without_caption: [...document.querySelectorAll("table")].filter((t) => !t.caption).length,
    pictures: pictures.length,
    pictures_without_text: unnamed,
    svg_without_role: [...document.querySelectorAll("svg")].filter((s) => s.getAttribute("role") !== "img").length,
    low_contrast: lowContrast,
    scripts: document.scripts.length,
  };
})()
