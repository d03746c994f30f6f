"""Small PDFs written by hand for the browser tests: text placed exactly where a test wants it
(Helvetica, WinAnsi, one content stream per page), so a page no template produced — three
columns of text side by side — can be uploaded through the web page. No dependency: the file
format's few objects are written directly, with a correct cross-reference table."""

VOCABULARY = ["reliable", "systems", "for", "teams", "shipped", "the", "improved", "latency", "of", "customers", "data",
              "and", "planning", "review", "to", "costs", "quality", "a", "weekly", "service", "in", "growth", "support",
              "design", "release", "with"]


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace").decode("latin-1")


def pdf(pages, width=612, height=792):
    """pages: a list of pages, each a list of (text, x, y_from_top, size, bold)."""
    page_ids = [5 + 2 * i for i in range(len(pages))]
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {len(pages)} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    for index, texts in enumerate(pages):
        stream = "\n".join(f"BT /{'F2' if bold else 'F1'} {size} Tf 1 0 0 1 {x} {height - y} Tm ({_escape(text)}) Tj ET"
                           for text, x, y, size, bold in texts)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
                       f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {page_ids[index] + 1} 0 R >>")
        objects.append(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def prose(seed, lines, x, y, column_width):
    """Lines of lorem-like prose wrapped to column_width (4.6 points a character), as texts."""
    texts, counter = [], seed
    for line in range(lines):
        words = []
        while len(" ".join(words + ["placeholder"])) * 4.6 < column_width:
            words.append(VOCABULARY[counter % len(VOCABULARY)])
            counter += 7
        texts.append((" ".join(words), x, y + line * 13, 10, False))
    return texts


def three_columns(with_header=True):
    """One page with three columns of prose side by side: which order to read them in is a
    guess, so an honest import says so. Without a header (no name, no section title) the import
    has little to be sure of."""
    texts = []
    if with_header:
        texts += [("Jane Doe", 50, 60, 24, True), ("jane@example.com | Lisbon | +351 912 345 678", 50, 85, 10, False),
                  ("Experience", 50, 130, 14, True)]
    for i, x in enumerate((50, 230, 410)):
        texts += prose(i * 3, 24, x, 160, 150)
    return pdf([texts])
