namespace RnnNotebooks.Runner.Export;

/// <summary>The stylesheet of exported pages.</summary>
internal static class PageStyle
{
    public const string Css = """
        *{box-sizing:border-box}
        body{margin:0;background:#f6f7f9;color:#1d232b;font:16px/1.6 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        header.page{background:#1f2937;color:#e5e7eb;font-size:13px}
        header.page .bar{max-width:1040px;margin:0 auto;padding:8px 24px;display:flex;justify-content:space-between;gap:16px;flex-wrap:wrap}
        header.page .name{font:600 13px/1.6 "JetBrains Mono",Menlo,Consolas,monospace;color:#fff}
        header.page .meta{color:#9ca3af}
        main{max-width:1040px;margin:0 auto;padding:24px 24px 64px}
        section{margin:0 0 16px}
        a{color:#1d4ed8}
        nav.toc{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:10px 18px 12px;margin:0 0 20px;font-size:14px;line-height:1.5}
        nav.toc .toc-title{font-weight:600;color:#4b5563;margin-bottom:4px}
        nav.toc ol{margin:0;padding-left:20px;columns:2;column-gap:32px}
        nav.toc li{break-inside:avoid}
        nav.toc li.sub{list-style:none;margin-left:14px;font-size:13px}
        nav.toc a{color:#1f2937;text-decoration:none}nav.toc a:hover{color:#1d4ed8;text-decoration:underline}
        .md h1,.md h2,.md h3,.md h4{line-height:1.25;margin:1.3em 0 .5em}
        .md h1{font-size:2em;margin-top:.4em}
        .md h2{padding-bottom:.25em;border-bottom:1px solid #e3e6ea}
        .md p,.md ul,.md ol{margin:.6em 0}
        .md code{background:#eceef2;padding:1px 4px;border-radius:3px;font-size:88%}
        .md blockquote{margin:.8em 0;padding:2px 14px;border-left:4px solid #cfd5dd;color:#4b5563}
        .md img{max-width:100%}
        .md div.math,.md span.math .katex-display{overflow-x:auto;overflow-y:hidden}
        .md div.math{margin:.8em 0}
        .katex{font-size:1.08em}
        table{border-collapse:collapse;font-size:14px;font-variant-numeric:tabular-nums;margin:.4em 0}
        th,td{padding:4px 10px;border-bottom:1px solid #e3e6ea}
        th{background:#f2f4f7;border-bottom:2px solid #cfd5dd;font-weight:600}
        tbody tr:nth-child(even) td{background:#fafbfc}
        .md table th,.md table td{border:1px solid #dde1e7}
        .html th,.html td{text-align:right}
        .html td{white-space:nowrap}
        .html th{vertical-align:bottom;min-width:4em}
        .html th:first-child,.html td:first-child{text-align:left}
        .code{background:#fff;border:1px solid #dde1e7;border-radius:6px;overflow:hidden}
        .input{display:flex;background:#fafbfc}
        .prompt{flex:0 0 44px;color:#8a94a3;font:12px/1 monospace;padding:12px 0 0 8px}
        pre{margin:0;padding:10px 14px;font:13px/1.5 "JetBrains Mono",Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
        pre.src{flex:1;min-width:0;padding-left:4px}
        .outputs{border-top:1px solid #eef0f3}
        .out{margin:0;padding:8px 14px 8px 48px}
        .out+.out{border-top:1px dashed #eef0f3}
        .out.html{overflow-x:auto}
        .out.html>table:first-child{margin-top:0}
        .out.chart{padding:6px 8px}
        .out.image img{max-width:100%}
        .stderr{background:#fff6f0}.error{background:#fdecec;color:#9b1c1c}
        pre.raw{background:#fff;border:1px dashed #dde1e7;border-radius:6px;margin:0 0 16px}
        .k{color:#0033b3}.t{color:#00627a}.s{color:#067d17}.c{color:#8c8c8c;font-style:italic}.n{color:#1750eb}.d{color:#9e880d}
        @media print{header.page{background:none;color:#000}body{background:#fff}.code{break-inside:avoid}}
        """;
}
