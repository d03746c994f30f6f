# Generates the two layouts of bench/import-generated (reportlab from PyPI): a word-processor
# export (single column, right-aligned dates and places, ruled caps headings, running footer with
# page numbers on two pages) and a resume-builder page (contact/skills sidebar beside the main
# column). Used to check the import on layouts none of the development set has.
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.pdfbase.pdfmetrics import stringWidth
W, H = A4
def wrap(text, font, size, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if stringWidth(t, font, size) > width: lines.append(cur); cur = w
        else: cur = t
    lines.append(cur); return lines

# 1) Word-processor style single column, right-aligned dates, caps headings with rules, page 2 with running header
c = canvas.Canvas("wordprocessor-two-pages.pdf", pagesize=A4)
y = H - 60
c.setFont("Helvetica-Bold", 22); c.drawString(50, y, "Priya Raman"); y -= 18
c.setFont("Helvetica", 9.5); c.drawString(50, y, "Chennai, India  |  priya.raman@example.in  |  +91 98765 43210  |  linkedin.com/in/priyaraman"); y -= 30
def heading(t):
    global y
    c.setFont("Helvetica-Bold", 11.5); c.drawString(50, y, t); c.line(50, y-3, W-50, y-3); y -= 18
def entry(org, place, title, dates, bullets):
    global y
    c.setFont("Helvetica-Bold", 10); c.drawString(50, y, org); c.setFont("Helvetica", 10); c.drawRightString(W-50, y, place); y -= 13
    c.setFont("Helvetica-Oblique", 10); c.drawString(50, y, title); c.drawRightString(W-50, y, dates); y -= 14
    for b in bullets:
        lines = wrap(b, "Helvetica", 10, W-50-68)
        c.setFont("Helvetica", 10); c.drawString(58, y, "•")
        for i, l in enumerate(lines): c.drawString(68, y, l); y -= 12.5
    y -= 6
heading("PROFESSIONAL SUMMARY")
for l in wrap("Product manager with seven years of experience shipping payments and lending products for small businesses across India and Southeast Asia.", "Helvetica", 10, W-100):
    c.setFont("Helvetica", 10); c.drawString(50, y, l); y -= 12.5
y -= 8
heading("WORK EXPERIENCE")
entry("Kite Payments", "Bengaluru, India", "Senior Product Manager", "Apr 2021 – Present", [
  "Led the merchant onboarding redesign that cut time to first payment from five days to under one day for 40,000 merchants.",
  "Defined the roadmap for instant settlements and worked with risk and engineering teams to launch it in three cities."])
entry("Lendwise", "Chennai, India", "Product Manager", "Jul 2017 – Mar 2021", [
  "Shipped the first mobile loan application flow; approval rate rose by 12% while defaults stayed flat.",
  "Ran weekly user interviews with shop owners and turned findings into a prioritised backlog."])
heading("EDUCATION")
entry("Indian Institute of Technology Madras", "Chennai, India", "B.Tech. Electrical Engineering", "2013 – 2017", [])
heading("SKILLS")
c.setFont("Helvetica", 10); c.drawString(50, y, "Product discovery, SQL, Figma, A/B testing, roadmapping, stakeholder management"); y -= 14
c.setFont("Helvetica", 8); c.drawCentredString(W/2, 30, "Priya Raman – Resume – 1/2")
c.showPage()
y = H - 60
heading("PROJECTS")
for b in ["Open-source UPI test harness used by three fintech teams to simulate settlement failures.", "Volunteer mentor for first-time product managers at a Chennai startup incubator."]:
    c.setFont("Helvetica", 10); c.drawString(58, y, "•"); c.drawString(68, y, b); y -= 13
c.setFont("Helvetica", 8); c.drawCentredString(W/2, 30, "Priya Raman – Resume – 2/2")
c.save()

# 2) Resume builder style: dark left sidebar with contact, skills, languages; main column with experience
c = canvas.Canvas("builder-sidebar.pdf", pagesize=A4)
c.setFont("Helvetica-Bold", 20); c.drawString(40, H-60, "Tomás Herrera")
c.setFont("Helvetica", 11); c.drawString(40, H-78, "Backend Developer")
sy = H - 120
def side(t, bold=False):
    global sy
    c.setFont("Helvetica-Bold" if bold else "Helvetica", 9.5); c.drawString(40, sy, t); sy -= 14
side("CONTACT", True); side("tomas.herrera@example.es"); side("+34 611 222 333"); side("Valencia, Spain"); sy -= 10
side("SKILLS", True); side("Go"); side("PostgreSQL"); side("Kafka"); side("Kubernetes"); sy -= 10
side("LANGUAGES", True); side("Spanish (native)"); side("English (C1)")
my = H - 120
def main(t, font="Helvetica", size=10, x=210):
    global my
    c.setFont(font, size); c.drawString(x, my, t); my -= size + 3.5
main("EXPERIENCE", "Helvetica-Bold", 12); my -= 4
for org, title, dates, bullets in [("Cabify", "Senior Backend Developer", "2020 – 2024", ["Moved the pricing service from a monolith to Go services handling 3,000 requests per second.", "Cut p99 latency of trip quotes from 900 ms to 180 ms with caching and query tuning."]),
                                   ("Typeform", "Backend Developer", "2017 – 2020", ["Built the webhook delivery pipeline on Kafka with retries and dead-letter queues."])]:
    c.setFont("Helvetica-Bold", 10.5); c.drawString(210, my, title + ", " + org); c.setFont("Helvetica", 9.5); c.drawRightString(W-40, my, dates); my -= 15
    for b in bullets:
        for i, l in enumerate(wrap(b, "Helvetica", 10, W-40-222)):
            c.setFont("Helvetica", 10)
            if i == 0: c.drawString(210, my, "•")
            c.drawString(222, my, l); my -= 13
    my -= 6
main("EDUCATION", "Helvetica-Bold", 12); my -= 4
c.setFont("Helvetica-Bold", 10.5); c.drawString(210, my, "BSc Computer Engineering, Universitat Politècnica de València"); c.setFont("Helvetica", 9.5); c.drawRightString(W-40, my, "2013 – 2017")
c.save()
