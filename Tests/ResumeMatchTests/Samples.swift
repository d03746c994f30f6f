/// Non-tech and non-English samples written for these tests (invented people).
/// Kept as literals so the test target needs no resource declaration.
enum Samples {
    static let nurseResume = """
        # Jordan Reyes, RN

        Phoenix, AZ · jordan.reyes@example.com

        ## Summary

        Registered nurse with 5 years of acute care experience, the last 3 in a 24-bed medical ICU.

        ## Experience

        ### Staff Nurse, Medical ICU — Desert Valley Hospital, Phoenix, AZ
        Phoenix, AZ | Jan 2021 – Present

        - Care for 2–3 critically ill patients per shift, including ventilated patients and titration of vasoactive drips.
        - Perform head-to-toe assessments and document in Epic.
        - Precepted 6 new graduate nurses.

        ### Registered Nurse, Med-Surg — St. Luke's Medical Center, Phoenix, AZ
        Phoenix, AZ | 06/2019 – 12/2020

        - Administered medications and IV therapy for a 30-bed medical-surgical unit.
        - Educated patients and families on discharge plans.

        ## Education

        **Bachelor of Science in Nursing (BSN)** — Arizona State University, 2019

        ## Certifications

        RN license (Arizona), BLS, ACLS
        """

    static let icuJD = """
        ICU Registered Nurse — Mercy General (Sacramento, CA)

        Responsibilities
        - Provide direct patient care to critically ill adults in a 30-bed ICU.
        - Manage ventilator patients and titrate vasoactive drips per protocol.

        Requirements
        - Current RN license.
        - BSN from an accredited program.
        - 2+ years of ICU or critical care experience.
        - BLS and ACLS certification required.
        - Experience with Epic EHR.

        Preferred
        - CCRN certification.
        - Experience with CRRT.
        """

    static let teacherResume = """
        # Sam Patel

        sam.patel@example.com

        ## Summary

        Middle school math teacher who builds structured, engaging lessons for mixed-ability classes.

        ## Experience

        ### Math Teacher — Lincoln Middle School, Denver, CO
        Aug 2019 – Present

        - Teach algebra and geometry to 150 students across grades 7 and 8.
        - Designed a new unit plans sequence aligned to state standards; used formative assessment weekly.
        - Use differentiated instruction and small-group work for English language learners.
        - Led parent-teacher conferences twice a year.

        ## Education

        **M.Ed. Curriculum and Instruction** — University of Colorado, 2019
        **B.A. Mathematics** — Colorado State University, 2017

        ## Certifications

        Colorado teaching license (Mathematics 7–12)
        """

    static let teachingJD = """
        High School Mathematics Teacher

        What you will do
        - Plan and deliver engaging lessons in Algebra I and Geometry.
        - Use assessment data to differentiate instruction.

        Qualifications
        - Bachelor's degree in Mathematics or Education.
        - Valid state teaching certification.
        - 3+ years of classroom teaching experience.
        - Strong classroom management skills.
        - Experience with Google Classroom.

        Nice to have
        - Experience teaching AP Calculus.
        - Bilingual Spanish.
        """

    static let accountantResume = """
        # Lee Morgan, CPA

        Chicago, IL · lee.morgan@example.com

        ## Summary

        Senior accountant with 6 years in public accounting and corporate finance.

        ## Experience

        ### Senior Accountant — Harbor Logistics Inc., Chicago, IL
        March 2020 – Present

        - Own the month-end close for three entities under US GAAP, closing in 5 business days.
        - Prepare account reconciliations and journal entries in NetSuite.
        - Built variance analysis in Excel (pivot tables, VLOOKUP) for the CFO.

        ### Audit Associate — Baker & Cole LLP, Chicago, IL
        Sep 2017 – Feb 2020

        - Audited financial statements for manufacturing and retail clients.

        ## Education

        **B.S. Accounting** — University of Illinois, 2017

        ## Skills

        NetSuite, Excel, GAAP, month-end close, reconciliations, audit
        """

    static let financeJD = """
        Finance Manager

        Requirements
        - CPA required.
        - 5+ years of accounting or finance experience.
        - Deep knowledge of US GAAP; IFRS is a plus.
        - Experience leading the month-end close and preparing financial statements.
        - Advanced Excel skills.

        Nice to have
        - Experience with SAP or NetSuite.
        - FP&A or budgeting experience.
        - Experience managing a team.
        """

    static let spanishResume = """
        # Lucía Fernández

        Madrid · lucia.fernandez@example.com

        ## Perfil

        Contadora con experiencia en cierre contable y conciliaciones bancarias para empresas de retail.

        ## Experiencia

        ### Contadora — Grupo Almacenes del Sur, Madrid
        Enero 2020 – Actualidad

        - Responsable del cierre mensual y de los asientos contables en SAP.
        - Preparación de estados financieros bajo NIIF.
        - Conciliaciones bancarias semanales con Excel.

        ### Auxiliar contable — Asesoría Ruiz, Madrid
        03/2017 – 12/2019

        - Gestión de cuentas por pagar y cuentas por cobrar.

        ## Formación

        **Grado en Administración y Dirección de Empresas** — Universidad Complutense de Madrid, 2017

        ## Habilidades

        SAP, Excel, NIIF, cierre contable, conciliaciones
        """

    static let spanishJD = """
        Contable Senior (Madrid)

        Requisitos
        - Al menos 5 años de experiencia en contabilidad.
        - Dominio de SAP y Excel avanzado.
        - Conocimiento de NIIF.
        - Experiencia en cierre mensual y conciliaciones bancarias.

        Se valorará
        - Experiencia en auditoría.
        - Inglés avanzado.
        """

}
