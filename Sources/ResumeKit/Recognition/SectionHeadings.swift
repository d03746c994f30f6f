import Foundation

/// Section heading names in English, Spanish, French, German, Portuguese, Italian, Dutch,
/// Arabic, Chinese and Japanese, mapped to what the section holds. Names are folded (lowercase,
/// no accents) before look-up.
///
/// The one resume section lexicon of the project: ResumeMatch reads sections from the
/// ``Resume`` model, which the recognizer builds with these names.
public enum SectionHeadings {
    /// The section kind a heading names, or `nil` when the text is not a known heading name.
    /// A known name with a small prefix or suffix ("Professional Experience", "Skills & Tools")
    /// still matches, so the lists hold stems, not every phrasing.
    public static func kind(of heading: String) -> ResumeSection.Kind? {
        // Every line of a resume is asked; a long one is no heading, and folding it is costly.
        guard heading.utf8.count <= 200, !isProse(heading) else { return nil }
        let key = normalize(heading)
        guard !key.isEmpty, key.count <= 48 else { return nil }
        if let exact = exact[key] { return exact }
        // Chinese and Japanese headings have no spaces and Arabic ones carry clitics ("والخبرات"):
        // a known name inside the heading is enough.
        if !key.utf8.allSatisfy({ $0 < 0x80 }) {
            for (kind, names) in unspacedStems where names.contains(where: { key.contains($0) }) {
                return kind
            }
        }
        let words = key.split(separator: " ").map(String.init)
        guard words.count <= 5 else { return nil }
        for (kind, stems) in stems {
            for stem in stems where words.contains(where: { $0 == stem || ($0.hasPrefix(stem) && stem.count >= 6) }) {
                return kind
            }
        }
        return nil
    }

    /// The kind when the heading is exactly a known name (no stem matching).
    public static func exactKind(of heading: String) -> ResumeSection.Kind? {
        heading.utf8.count <= 200 ? exact[normalize(heading)] : nil
    }

    /// More than eight words, not letter-spaced: a sentence, never a heading name. Checked on
    /// bytes, before any folding.
    static func isProse(_ text: String) -> Bool {
        var words = 0
        var longWords = 0
        var length = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") {
                if length > 0 { words += 1; if length > 1 { longWords += 1 } }
                length = 0
            } else {
                length += 1
            }
        }
        if length > 0 { words += 1; if length > 1 { longWords += 1 } }
        return words > 8 && longWords > 2
    }

    /// Folded, trailing colon and decoration removed, letter-spaced caps rejoined ("S K I L L S").
    static func normalize(_ heading: String) -> String {
        var text = heading.folded.trimmingCharacters(in: decoration)
        let parts = text.split(separator: " ")
        if parts.count >= 4, parts.allSatisfy({ $0.count == 1 }) { text = parts.joined() }
        // Every line of a resume and a posting comes through here; Foundation's search is
        // costly (a tenth of an analysis), so it runs only when there is something to replace.
        if text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "/") }) {
            text = text.replacingOccurrences(of: "&", with: " and ").replacingOccurrences(of: "/", with: " ")
        }
        return text.collapsingWhitespace
    }

    private static let decoration = CharacterSet(charactersIn: " :：-–—_*#=|.•【】[]「」")

    private static let exact: [String: ResumeSection.Kind] = {
        var table: [String: ResumeSection.Kind] = [:]
        for name in [
            "summary", "profile", "about", "about me", "objective", "career objective", "overview",
            "professional summary", "career summary", "personal statement", "introduction",
            "resumen", "perfil", "perfil profesional", "sobre mi", "objetivo", "objetivo profesional", "extracto",
            "profil", "resume", "a propos", "a propos de moi", "objectif", "profil professionnel", "synthese",
            "kurzprofil", "profil", "uber mich", "zusammenfassung", "berufliches profil", "zielsetzung",
            "resumo", "sobre", "resumo profissional", "perfil profissional", "objetivos",
            "profilo", "sommario", "chi sono", "profilo professionale", "profiel", "samenvatting", "over mij",
            "persoonlijk profiel", "الملخص", "ملخص", "نبذة", "نبذة عني", "الملف الشخصي", "الهدف الوظيفي",
            "个人简介", "简介", "自我评价", "个人总结", "概述", "自己pr", "自己紹介", "概要", "職務要約", "プロフィール",
        ] { table[name.folded] = .summary }
        for name in [
            "experience", "work", "employment", "work history", "career", "career history",
            "experiencia", "trayectoria", "trayectoria profesional", "historial laboral",
            "experiences", "parcours", "parcours professionnel",
            "berufserfahrung", "werdegang", "beruflicher werdegang", "praxiserfahrung", "berufspraxis",
            "experiencia profissional", "historico profissional", "esperienza", "esperienze", "werkervaring",
            "esperienza lavorativa", "esperienze lavorative", "esperienza professionale", "esperienze professionali",
            "ervaring", "loopbaan", "professionele ervaring", "werkervaringen",
            "الخبرة", "الخبرات", "الخبرة العملية", "الخبرات العملية", "الخبرة المهنية", "الخبرات المهنية", "الخبرة الوظيفية",
            "工作经历", "工作经验", "职业经历", "实习经历", "職歴", "職務経歴", "経歴", "職務経歴書",
        ] { table[name.folded] = .experience }
        for name in [
            "education", "academic background", "qualifications", "training",
            "educacion", "formacion", "formacion academica", "estudios",
            "formation", "formations", "etudes", "cursus",
            "ausbildung", "bildung", "bildungsweg", "studium", "schulbildung",
            "educacao", "formacao", "formacao academica", "escolaridade",
            "istruzione", "formazione", "opleiding", "opleidingen", "istruzione e formazione", "titoli di studio",
            "التعليم", "المؤهلات العلمية", "التحصيل العلمي", "المؤهل العلمي", "الدراسة",
            "教育背景", "教育经历", "学历", "学歴",
        ] { table[name.folded] = .education }
        for name in [
            "skills", "technical skills", "core skills", "key skills", "competencies", "core competencies",
            "expertise", "technologies", "tools", "tech stack", "strengths",
            "habilidades", "competencias", "aptitudes", "conocimientos", "destrezas",
            "competences", "competences techniques", "savoir faire", "outils",
            "kenntnisse", "fahigkeiten", "kompetenzen", "fachkenntnisse", "qualifikationen", "edv kenntnisse",
            "it kenntnisse", "skills und kenntnisse",
            "habilidades tecnicas", "conhecimentos", "competencias tecnicas",
            "competenze", "capacita", "vaardigheden", "competenze tecniche", "competenties",
            "المهارات", "مهارات", "المهارات التقنية", "技能", "专业技能", "技能特长", "スキル", "技術スキル", "保有スキル",
        ] { table[name.folded] = .skills }
        for name in [
            "projects", "certifications", "certificates", "licenses", "languages", "publications",
            "awards", "honors", "volunteering", "interests", "hobbies", "references", "activities",
            "proyectos", "certificaciones", "idiomas", "publicaciones", "premios", "voluntariado", "intereses",
            "projets", "certificats", "langues", "publications", "prix", "benevolat", "centres d'interet", "interets",
            "projekte", "zertifikate", "sprachen", "sprachkenntnisse", "veroffentlichungen", "ehrenamt", "interessen", "hobbys",
            "projetos", "certificacoes", "idiomas", "linguas", "publicacoes", "premios", "voluntariado", "interesses",
            "certificazioni", "lingue", "progetti", "certificaten", "talen", "projecten",
            "الشهادات", "اللغات", "المشاريع", "الدورات", "证书", "项目经历", "语言", "荣誉奖项", "資格", "免許・資格", "語学",
        ] { table[name.folded] = .other }
        return table
    }()

    /// Names found inside a heading written without spaces or with Arabic clitics.
    private static let unspacedStems: [(ResumeSection.Kind, [String])] = [
        (.experience, ["工作经历", "工作经验", "职业经历", "職歴", "職務経歴", "الخبرة", "الخبرات"]),
        (.education, ["教育背景", "教育经历", "学历", "学歴", "التعليم", "المؤهلات العلمية"]),
        (.skills, ["专业技能", "技能", "スキル", "المهارات"]),
        (.summary, ["个人简介", "自我评价", "自己pr", "自己紹介", "職務要約", "الملخص", "نبذة"]),
    ].map { kind, names in (kind, names.map(\.folded)) }

    /// Distinctive words that make a heading recognisable inside longer phrasings.
    private static let stems: [(ResumeSection.Kind, [String])] = [
        (.experience, ["experience", "employment", "experiencia", "experiences", "berufserfahrung",
                       "erfahrung", "esperienza", "werkervaring", "work"]),
        (.education, ["education", "educacion", "formacion", "ausbildung", "educacao", "formacao",
                      "academic", "academica", "studium", "istruzione"]),
        (.skills, ["skills", "competencies", "habilidades", "competencias", "competences", "kenntnisse",
                   "kompetenzen", "fahigkeiten", "technologies", "competenze"]),
        (.summary, ["summary", "profile", "objective", "resumen", "zusammenfassung", "kurzprofil"]),
        (.other, ["projects", "certifications", "languages", "publications", "awards", "volunteer",
                  "proyectos", "projekte", "idiomas", "sprachen", "langues", "certificaciones",
                  "zertifikate", "interests"]),
    ]
}
