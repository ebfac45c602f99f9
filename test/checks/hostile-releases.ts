/** Hostile releases: text that tries to become markup, script or a link in every output format. */

/** A title that tries every context at once: element text, attribute, script, CDATA, template, URL. */
export const HOSTILE_TITLE = `</title><script>alert('t')</script> "><img src=x onerror=alert('t2')> ' onmouseover='alert(3) ]]> <!-- {{ 7*7 }} \${alert(4)} &amp; بيان`;
export const HOSTILE_SUMMARY = `</script><script>alert('s')</script><!-- ' " ]]> ملخص`;

export const HOSTILE_RELEASES: Record<string, string> = {
  "2026-11-01-hostile.txt": [
    "---",
    `title: ${JSON.stringify(HOSTILE_TITLE)}`,
    `summary: ${JSON.stringify(HOSTILE_SUMMARY)}`,
    `location: "<svg onload=alert('loc')>"`,
    `contact: "<a href=javascript:alert('c')>click</a> media@example.org"`,
    `tags: ["<script>alert('tag')</script>", "\\"><b onmouseover=alert(1)>x</b>", "مياه"]`,
    `translationKey: "</script><script>alert('k')</script>"`,
    "reporter: \"<script>alert('extra')</script>\"",
    "---",
    "الرياض (واس) – فقرة فيها <script>alert('body')</script> و <iframe src=//evil.example></iframe> و &lt;b&gt; كما هي.",
    "",
    "روابط: javascript:alert(1) و JaVaScRiPt:alert(2) و vbscript:msgbox(1) و data:text/html,<script>alert(3)</script> و file:///etc/passwd.",
    "",
    `رابط بعلامة اقتباس https://example.org/a?b=1&c=<x>"onmouseover="alert(5) ورابط www.example.org/"><script>alert(6)</script>.`,
    "",
    "- <b onmouseover=alert(7)>بند</b>",
    "- mailto:a@example.org?subject=<script>alert(8)</script>",
    "",
    "سطر فيه فاصل\u2028أسطر وفاصل\u2029فقرات.",
  ].join("\n"),
  "2026-11-02-hostile-md.md": [
    "---",
    `title: ${JSON.stringify(`${HOSTILE_TITLE} md`)}`,
    "---",
    "<script>alert('md')</script>",
    "",
    "<img src=x onerror=alert('md2')> <style>body{display:none}</style> <!-- comment -->",
    "",
    "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(2)) [c](&#106;avascript:alert(3)) [d](java&#x09;script:alert(4))",
    "",
    "<javascript:alert(5)> [e](vbscript:msgbox) [f](data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==) [g](file:///etc/passwd)",
    "",
    `![img](x" onerror="alert(7)) [h](https://example.org/" onclick="alert(8)) [i](https://example.org "title\\" onmouseover=\\"alert(9)")`,
    "",
    "<div onclick=alert(10)>raw block</div>",
    "",
    "{{ 7*7 }} {% raw %} ${alert(11)}",
  ].join("\n"),
};
