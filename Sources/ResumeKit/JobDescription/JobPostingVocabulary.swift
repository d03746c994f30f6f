/// The words a recruiter reads a posting by: section headings in English, German, French,
/// Spanish, Portuguese, Italian, Dutch, Danish, Arabic, Chinese and Japanese, the keys of job-board
/// metadata, and the wording that gives a paragraph away when it has no heading ("we offer",
/// "regardless of race", "send your CV"). Everything is folded (lowercase, no accents).
///
/// This is the one JD section lexicon: ``JobDescription`` and ResumeMatch's requirement
/// extraction both read postings through ``JobPostingReader``, which uses it.
enum JobPostingVocabulary {
    /// Heading phrases by part, tried in this order so "Preferred qualifications" is nice-to-have
    /// and not requirements, and "About the role" is the job, not the company.
    static let headings: [(JobDescription.SectionKind, [String])] = [
        (.niceToHave, [
            "nice to have", "nice-to-have", "nice to haves", "bonus", "bonus points", "preferred", "preferred qualifications",
            "pluses", "a plus", "desirable", "desired", "good to have", "extra credit", "it would be great if",
            "wunschenswert", "von vorteil", "pluspunkte", "idealerweise", "atouts", "souhaite", "souhaites", "serait un plus",
            "deseable", "deseables", "se valorara", "se valora", "valorable", "valoramos", "apreciado", "diferencial",
            "diferenciais", "desejavel", "gradito", "graditi", "titolo preferenziale", "pluspunten", "wenselijk",
            "gerne", "en plus", "det er en fordel", "ميزة اضافية", "يفضل", "加分项", "优先", "歓迎スキル", "歓迎", "尚可",
        ]),
        (.metadata, [
            "date posted", "posted", "likes", "job type", "employment type", "experience level", "seniority level", "role",
            "industry", "industries", "company size", "company type", "location options", "job id", "reference", "ref",
            "req id", "requisition id", "job function", "contract type", "start date", "working hours", "hours",
            "salary range", "remote", "visa sponsor", "relocation", "deadline", "application deadline", "closing date",
            "category", "department", "division", "organization", "organisation", "job category", "posted on",
        ]),
        (.legal, [
            "equal opportunity", "equal employment opportunity", "eeo statement", "diversity statement", "privacy notice",
            "data protection notice", "disclaimer", "legal notice",
        ]),
        (.application, [
            "how to apply", "apply", "application", "application process", "contact", "contact person", "interested",
            "next steps", "recruitment process", "hiring process", "bewerbung", "kontakt", "postuler", "candidature",
            "como aplicar", "candidatura", "come candidarsi", "solliciteren", "ansogning", "التقديم", "如何申请", "応募方法",
        ]),
        (.requirements, [
            "requirements", "requirement", "must have", "must-have", "must haves", "what you bring", "what you'll bring",
            "what you will bring", "qualifications", "minimum qualifications", "basic qualifications",
            "required qualifications", "required skills", "required", "who you are", "about you", "what we're looking for",
            "what we are looking for", "we are looking for", "what you need", "what you'll need", "you have", "you bring",
            "your profile", "profile", "skills", "skills and experience", "experience and skills", "your skills",
            "your experience", "your background", "your qualifications", "professional qualifications", "essential",
            "essential criteria", "person specification", "technologies", "tech stack", "our stack", "technical skills",
            "competencies", "who we are looking for", "is this you", "we expect", "expectations",
            "anforderungen", "dein profil", "ihr profil", "was du mitbringst", "was sie mitbringen", "qualifikationen",
            "profil recherche", "votre profil", "competences requises", "exigences", "prerequis",
            "requisitos", "requisitos minimos", "requerimientos", "imprescindible", "perfil", "buscamos", "que buscamos",
            "lo que buscamos", "requisitos obrigatorios", "qualificacoes", "o que procuramos", "requisiti", "competenze",
            "profilo", "cosa cerchiamo", "functie-eisen", "wat wij vragen", "wat breng je mee", "jouw profiel", "eisen",
            "kvalifikationer", "din profil", "المتطلبات", "المؤهلات", "الشروط", "任职要求", "岗位要求", "职位要求", "任职资格",
            "応募資格", "必須スキル", "必須条件", "求めるスキル",
        ]),
        (.responsibilities, [
            "responsibilities", "key responsibilities", "your responsibilities", "what you will do", "what you'll do",
            "what you’ll do", "your role", "the role", "the position", "job description", "the job", "day to day", "day-to-day", "duties", "in this role", "you will",
            "your tasks", "your mission", "what the job involves", "what you'll be doing", "what you will be doing",
            "aufgaben", "deine aufgaben", "ihre aufgaben", "deine rolle", "missions", "vos missions", "vos responsabilites",
            "le poste", "funciones", "responsabilidades", "tus funciones", "tareas", "atribuicoes",
            "responsabilidades principais", "mansioni", "responsabilita", "il ruolo", "taken", "wat ga je doen",
            "jouw rol", "opgaver", "dine opgaver", "المسؤوليات", "المهام", "الوصف الوظيفي", "岗位职责", "工作职责", "职位描述",
            "仕事内容", "業務内容", "職務内容",
        ]),
        (.benefits, [
            "benefits", "job benefits", "perks", "what we offer", "we offer", "our offer", "compensation", "salary", "pay",
            "why join us", "why us", "what's in it for you", "what you get", "wir bieten", "was wir bieten", "benefits und",
            "avantages", "nous offrons", "ce que nous offrons", "ofrecemos", "que ofrecemos", "beneficios", "oferecemos",
            "o que oferecemos", "offriamo", "cosa offriamo", "wij bieden", "wat wij bieden", "vi tilbyder", "المزايا",
            "نقدم", "福利待遇", "我们提供", "福利", "待遇", "福利厚生",
        ]),
        (.about, [
            "about", "about us", "about the company", "about the team", "about the role", "about the position", "about the job", "who we are", "company description", "company", "our company",
            "the company", "our team", "our mission", "our story", "overview", "uber uns", "wer wir sind", "das unternehmen",
            "a propos", "qui sommes-nous", "l'entreprise", "sobre nosotros", "quienes somos", "la empresa", "sobre nos",
            "quem somos", "a empresa", "chi siamo", "l'azienda", "over ons", "wie zijn wij", "om os", "من نحن", "عن الشركة",
            "关于我们", "公司简介", "会社概要", "私たちについて",
        ]),
    ]

    /// Keys of job-board facts ("Job type: Full-time"); a line made of them is metadata.
    static let metadataKeys: Set<String> = [
        "date posted", "posted", "likes", "dislikes", "love", "job type", "employment type", "experience level",
        "seniority level", "role", "industry", "industries", "company size", "company type", "location options",
        "location", "locations", "job id", "id", "reference", "ref", "req id", "requisition id", "job function",
        "contract type", "contract", "start date", "start", "working hours", "hours", "salary", "salary range", "pay",
        "deadline", "application deadline", "closing date", "category", "department", "division", "organization",
        "organisation", "job category", "posted on", "remote", "workplace type", "employment", "travel", "shift",
        "schedule", "openings", "vacancies", "company", "employer", "team size", "website", "web", "phone", "email",
        "e-mail", "mobile", "standort", "arbeitsort", "lieu", "ubicacion", "localizacao", "sede", "plaats",
    ]

    /// Wording that places a line without a heading, strongest first. Legal and application
    /// wording wins anywhere: an equal-opportunity sentence under "Requirements" is still legal.
    static let legalCues: [String] = [
        "equal opportunity", "equal employment", "affirmative action", "regardless of", "without regard to",
        "sexual orientation", "gender identity", "national origin", "protected veteran", "veteran status",
        "disability status", "e-verify", "eeo", "discriminat*", "reasonable accommodation", "applicants with disabilities",
        "privacy policy", "privacy notice", "we do not accept unsolicited", "recruitment agencies",
    ]

    static let applicationCues: [String] = [
        "apply now", "to apply", "apply for", "apply via", "apply online", "apply today", "please apply", "how to apply",
        "apply here", "your application", "application deadline", "application process", "applications will",
        "applications are", "applications must", "send us", "send your", "submit your", "curriculum vitae", "cover letter",
        "contact us", "contact me", "please contact", "contact our", "contact the", "contact person", "for questions", "any questions", "further information", "more information", "read more",
        "interviews", "recruitment process", "hiring process", "we look forward", "hearing from you", "bewerbung", "bewirb dich", "postulez", "envoyez", "candidatura", "envia tu", "envía tu",
        "solliciteer", "ansøg",
    ]

    static let benefitCues: [String] = [
        "we offer", "we provide", "you will get", "you get", "you'll get", "benefits", "perks", "pension", "health insurance",
        "healthcare plan", "health care", "paid time off", "vacation", "holiday", "days off", "flexible working",
        "flexible hours", "work from home", "home office", "gym", "fitness", "lunch", "canteen", "stock options",
        "equity", "relocation", "visa", "parental leave", "maternity", "paternity", "competitive salary",
        "competitive compensation", "salary", "bonus scheme", "training budget", "learning budget", "wellness",
        "free coffee", "fruit", "snacks", "team events", "social events", "wir bieten", "nous offrons", "ofrecemos",
    ]

    static let aboutCues: [String] = [
        "we are a", "we are the", "we're a", "we are an", "our company", "our mission", "our vision", "our values",
        "our customers", "our clients", "our products", "our platform", "founded", "employees", "headquartered",
        "offices in", "is a leading", "is the leading", "is a global", "leading provider", "we believe", "we help",
        "we specialise", "we specialize", "customers around", "clients around", "part of the", "our culture",
        "our team is", "serves more than", "turnover", "revenue", "listed on",
    ]

    static let niceCues: [String] = [
        "nice to have", "nice-to-have", "a plus", "is a plus", "are a plus", "bonus", "preferred", "preferably",
        "ideally", "an advantage", "advantageous", "desirable", "beneficial", "would be great", "is an asset",
        "wunschenswert", "von vorteil", "souhaite", "deseable", "se valorara", "desejavel", "gradito",
    ]

    static let requirementCues: [String] = [
        "you have", "you are", "you bring", "you possess", "you hold", "we expect", "we are looking for",
        "we're looking for", "looking for someone", "ideal candidate", "successful candidate", "the candidate",
        "requirements", "qualifications", "experience with", "experience in", "experience of", "experience from",
        "years of", "knowledge of", "knowledge in", "knowledge about", "understanding of", "familiar", "familiarity",
        "proficien*", "fluent", "fluency", "degree", "bachelor", "master's", "masters", "phd", "background in",
        "skills", "ability to", "able to", "must", "required", "solid", "strong", "expertise", "hands-on",
        "certification", "certified", "license", "licence", "command of", "mastery of", "track record",
        "du hast", "sie haben", "vous avez", "tienes", "possui", "hai", "je hebt",
    ]

    static let responsibilityCues: [String] = [
        "you will", "you'll", "your tasks", "your responsibilities", "responsible for", "your role", "your job",
        "you are going to", "you would", "in this role", "work closely", "collaborate with", "your day",
        "du wirst", "sie werden", "vous serez", "seras", "seras responsable", "serás", "você vai", "sarai",
        "je gaat",
    ]
}
