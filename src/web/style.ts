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
textarea{min-height:10rem;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
input[type=file]{font:inherit;margin:.25rem 0}
input[type=number]{width:8rem;padding:.5rem .6rem;font:inherit;border:1px solid var(--muted);border-radius:var(--radius)}
label.check{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.35rem 0}
fieldset{border:1px solid var(--line);border-radius:var(--radius);padding:.5rem 1rem 1rem;margin:1rem 0}
legend{font-weight:600;padding:0 .25rem}
.toolbar{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap;margin:0 0 1rem}
.toolbar form{margin:0}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;margin:1rem 0;padding:0;list-style:none}
.stats li{border:1px solid var(--line);border-radius:var(--radius);padding:.6rem .8rem}
.stats strong{display:block;font-size:1.35rem}
progress{width:100%;height:1.25rem;accent-color:var(--accent)}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:999px;border:1px solid var(--muted);font-size:.875rem;white-space:nowrap}
.badge.succeeded,.badge.done,.badge.valid{border-color:var(--ok);color:var(--ok);background:var(--ok-bg)}
.badge.failed,.badge.invalid{border-color:var(--bad);color:var(--bad);background:var(--bad-bg)}
.log{list-style:none;margin:0;padding:0;max-height:20rem;overflow:auto;border:1px solid var(--line);border-radius:var(--radius);font:.875rem/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
.log li{padding:.2rem .6rem;border-bottom:1px solid var(--soft)}
.log .error{color:var(--bad)}
.search{display:grid;grid-template-columns:16rem 1fr;gap:1.5rem;align-items:start}
.search>*{min-width:0}
.search aside fieldset{margin:0 0 1rem}
.pager{display:flex;gap:1rem;align-items:center;margin:1rem 0}
.table-wrap{overflow-x:auto}
.table-wrap:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
@media (max-width:50rem){.search{grid-template-columns:1fr}}
@media (max-width:40rem){main{padding:1rem}th,td{padding:.4rem}}
input[type=date],input[type=search]{padding:.5rem .6rem;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:var(--radius)}
input[type=search]{width:100%;max-width:32rem}
input[readonly]{background:var(--soft);font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
fieldset{min-width:0}
fieldset.plain{border:0;margin:0;padding:0}
.choices{display:flex;flex-wrap:wrap;gap:0 1.25rem}
.field-row{display:flex;flex-wrap:wrap;gap:0 1.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
form.inline{display:inline;margin:0}
.badge.ok{border-color:var(--ok);color:var(--ok);background:var(--ok-bg)}
.badge.bad{border-color:var(--bad);color:var(--bad);background:var(--bad-bg)}
nav.subnav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;margin:0 0 1.25rem;padding:0;border-bottom:1px solid var(--line)}
nav.subnav a{display:inline-block;padding:.5rem 0;text-decoration:none}
nav.subnav a[aria-current=page]{font-weight:700;color:var(--fg);border-bottom:3px solid var(--accent)}
ul.cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr))}
ul.cards h2{margin-top:0}
.badge.ok,.badge.active{border-color:var(--ok);color:var(--ok);background:var(--ok-bg)}
.badge.down,.badge.disabled{border-color:var(--bad);color:var(--bad);background:var(--bad-bg)}
.badge.pending{border-color:var(--accent);color:var(--accent)}
table.compact{font-size:.875rem;width:auto}
table.compact th,table.compact td{padding:.3rem .5rem;vertical-align:middle}
table.compact th[scope=row]{white-space:nowrap}
table.compact td .toolbar{margin:0;gap:.5rem}
table.compact caption{text-align:left;font-weight:600;padding:.25rem 0}
.inline-form{display:flex;gap:.4rem;align-items:center;margin:0}
.inline-form select{width:auto;padding:.3rem .4rem}
table.compact button{padding:.3rem .7rem;font-size:.875rem}
nav.toolbar a[aria-current=page]{font-weight:700;color:var(--fg);text-decoration:none}
svg.chart{display:block;width:100%;max-width:40rem;height:auto;margin:.25rem 0 1rem}
ul.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;list-style:none;margin:.25rem 0;padding:0;font-size:.875rem}
ul.legend li{display:flex;gap:.35rem;align-items:center}
`;
