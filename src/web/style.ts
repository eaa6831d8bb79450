/** The dashboard's one stylesheet (served at /assets/app.css). Contrast: text #1d2330 on #fff (15:1), links #1f4fd1 (7:1). */
export const appCss = `
*,*::before,*::after{box-sizing:border-box}
:root{--fg:#1d2330;--muted:#4a5468;--bg:#fff;--soft:#f3f5f9;--line:#d5dae4;--accent:#1f4fd1;--accent-fg:#fff;--bad:#a4161a;--bad-bg:#fdecec;--ok:#155d27;--ok-bg:#e7f6ec;--radius:8px}
html{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0;min-height:100vh;display:flex;flex-direction:column}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--accent);color:var(--accent-fg);padding:.5rem 1rem}
.skip:focus{left:0}
header.top{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.75rem 1.25rem;border-bottom:1px solid var(--line);flex-wrap:wrap}
header.top .brand{font-weight:700;font-size:1.1rem;text-decoration:none;color:var(--fg)}
header.top nav ul{display:flex;gap:1rem;align-items:center;list-style:none;margin:0;padding:0;flex-wrap:wrap}
header.top form{margin:0}
main{flex:1;width:100%;max-width:72rem;margin:0 auto;padding:1.5rem 1.25rem}
main.narrow{max-width:26rem}
h1{font-size:1.6rem;margin:0 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .75rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=email],input[type=password],input[type=text],select,textarea{width:100%;padding:.6rem .7rem;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:var(--radius)}
button,.button{display:inline-block;padding:.6rem 1.1rem;font:inherit;font-weight:600;border-radius:var(--radius);border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);cursor:pointer;text-decoration:none}
button.secondary{background:var(--bg);color:var(--accent)}
form .actions{margin-top:1.25rem;display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
.notice{padding:.75rem 1rem;border-radius:var(--radius);margin:0 0 1rem}
.notice.error{background:var(--bad-bg);color:var(--bad);border:1px solid var(--bad)}
.notice.ok{background:var(--ok-bg);color:var(--ok);border:1px solid var(--ok)}
.muted{color:var(--muted)}
table{width:100%;border-collapse:collapse;margin:.5rem 0 1rem}
th,td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);font-weight:600}
.card{border:1px solid var(--line);border-radius:var(--radius);padding:1.25rem;background:var(--bg)}
pre{white-space:pre-wrap;margin:0;font:inherit}
.field-error{color:var(--bad);margin:.25rem 0 0;font-weight:600}
footer{padding:1rem 1.25rem;color:var(--muted);font-size:.875rem;border-top:1px solid var(--line)}
@media (max-width:40rem){main{padding:1rem}th,td{padding:.4rem}}
`;
