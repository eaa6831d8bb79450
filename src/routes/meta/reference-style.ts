/** The reference page's stylesheet, inlined so /docs needs no other request. */
export const referenceCss = `
:root { color-scheme: light dark; --fg:#1b1f24; --bg:#fff; --muted:#57606a; --line:#d0d7de; --accent:#0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg:#e6edf3; --bg:#0d1117; --muted:#9198a1; --line:#30363d; --accent:#58a6ff; } }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.5 system-ui, sans-serif; color:var(--fg); background:var(--bg); display:grid; grid-template-columns: 280px 1fr; }
nav { position:sticky; top:0; height:100vh; overflow:auto; padding:1rem; border-right:1px solid var(--line); font-size:13px; }
nav ul { list-style:none; padding:0; margin:0 0 .5rem; }
nav a { color:var(--fg); text-decoration:none; display:block; padding:2px 0; }
nav a:hover, nav a:focus { color:var(--accent); text-decoration:underline; }
.brand { font-weight:700; font-size:16px; margin:0; }
.tag { font-weight:600; margin:.75rem 0 .25rem; }
nav .door { font-weight:700; font-size:11px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); margin:1.25rem 0 0; }
h4 { font-size:1rem; margin:.25rem 0; }
main { padding:1rem 2rem; max-width:1000px; }
.op { border-top:1px solid var(--line); padding:1rem 0; }
.method { display:inline-block; min-width:4.4em; font:700 11px/1.8 ui-monospace, monospace; text-align:center; border-radius:4px; color:#fff; background:#57606a; }
.method.get { background:#1a7f37; } .method.post { background:#0b5cad; } .method.delete { background:#b42318; }
.method.put, .method.patch { background:#8a4b00; }
.summary { font-weight:600; }
.muted { color:var(--muted); }
code { font-family: ui-monospace, monospace; font-size: 13px; }
table { border-collapse:collapse; margin:.5rem 0; } caption { text-align:left; font-weight:600; }
th, td { border:1px solid var(--line); padding:4px 8px; text-align:left; }
dl.schema { margin:.25rem 0 .25rem 1rem; } .prop dt { margin-top:.25rem; } .prop dd { margin-left:1rem; }
.prop dd p { margin:0; }
.type { color:var(--muted); } .req { color:#b42318; font-size:12px; margin-left:.5em; }
.status { font-weight:700; } .s2 { color:#1a7f37; } .s4 { color:#8a4b00; } .s5 { color:#b42318; }
.responses { list-style:none; padding:0; }
@media (max-width: 800px) { body { grid-template-columns: 1fr; } nav { position:static; height:auto; border-right:0; border-bottom:1px solid var(--line); } }
`;
