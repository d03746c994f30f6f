/// The inline stylesheet for preview and HTML export: one column, system
/// fonts only (no web fonts, so no requests), print rules for paper.
enum HTMLStylesheet {
    static func css(pageSize: PageSize, marginPoints: Double) -> String {
        let margin = formatted(marginPoints)
        let pageWidth = formatted(pageSize.points.width)
        return """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        html { background: #eef0f3; }
        body {
          margin: 0;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans",
            "Noto Sans", "PingFang SC", "Hiragino Sans", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
          font-size: 10.5pt;
          line-height: 1.45;
          color: #1d2530;
          -webkit-font-smoothing: antialiased;
          text-rendering: optimizeLegibility;
        }
        .resume {
          max-width: \(pageWidth)pt;
          margin: 24px auto;
          padding: \(margin)pt;
          background: #fff;
          box-shadow: 0 1px 3px rgba(16, 24, 40, .12), 0 1px 2px rgba(16, 24, 40, .06);
          overflow-wrap: anywhere;
        }
        h1, h2, h3, h4, h5, h6 { line-height: 1.2; break-after: avoid; page-break-after: avoid; }
        h1 { font-size: 22pt; font-weight: 700; text-align: center; margin: 0 0 4pt; letter-spacing: .01em; }
        h2 {
          font-size: 12pt; font-weight: 700; color: #1f4e79; letter-spacing: .04em;
          margin: 14pt 0 6pt; padding-bottom: 2pt; border-bottom: 1px solid #b9c4d0;
        }
        h3 { font-size: 11pt; font-weight: 700; margin: 10pt 0 1pt; }
        h4, h5, h6 { font-size: 10.5pt; font-weight: 700; margin: 8pt 0 1pt; }
        p { margin: 0 0 6pt; }
        p.contact { text-align: center; color: #4a5565; margin: 0 0 10pt; }
        p.meta { color: #4a5565; margin: 0 0 3pt; }
        ul, ol { margin: 2pt 0 6pt; padding-left: 16pt; }
        li { margin: 0 0 2pt; padding-left: 2pt; }
        li > ul, li > ol { margin: 2pt 0 0; }
        li, p { break-inside: avoid; page-break-inside: avoid; }
        a { color: #1f4e79; text-decoration: none; border-bottom: 1px solid #b9c4d0; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 9.5pt; }
        pre { white-space: pre-wrap; margin: 0 0 6pt; }
        blockquote { margin: 0 0 6pt; padding-left: 10pt; border-left: 2px solid #d0d7de; color: #4a5565; }
        hr { border: 0; border-top: 1px solid #d0d7de; margin: 10pt 0; }
        @media (max-width: \(pageWidth)pt) {
          .resume { margin: 0; padding: 20px; box-shadow: none; }
        }
        @page { size: \(pageSize.cssName); margin: \(margin)pt; }
        @media print {
          html { background: none; }
          body { font-size: 10.5pt; }
          .resume { max-width: none; margin: 0; padding: 0; box-shadow: none; }
          a { color: inherit; border-bottom: 0; }
        }
        """
    }

    private static func formatted(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
