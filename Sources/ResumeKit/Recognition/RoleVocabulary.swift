/// Words that tell a job title from an organisation name, and a degree from a school, when a
/// header line gives them in an unexpected order ("Parcelwise — Senior Engineer").
enum RoleVocabulary {
    static func looksLikeJobTitle(_ text: String) -> Bool {
        containsWord(text, from: jobTitleWords)
    }

    static func looksLikeOrganization(_ text: String) -> Bool {
        containsWord(text, from: organizationWords)
    }

    static func looksLikeInstitution(_ text: String) -> Bool {
        containsWord(text, from: institutionWords)
    }

    static func looksLikeDegree(_ text: String) -> Bool {
        let compact = text.folded.replacingOccurrences(of: ".", with: "")
        let words = Set(compact.split(whereSeparator: { !$0.isLetter }).map(String.init))
        return !words.isDisjoint(with: degreeWords)
    }

    /// Corporate suffixes that belong to the employer name, not to its location ("Acme, Inc.").
    static func isCorporateSuffix(_ text: String) -> Bool {
        corporateSuffixes.contains(text.folded.replacingOccurrences(of: ".", with: "").trimmed)
    }

    private static func containsWord(_ text: String, from vocabulary: Set<String>) -> Bool {
        text.folded.split(whereSeparator: { !$0.isLetter }).contains { word in
            vocabulary.contains(String(word)) || vocabulary.contains(where: { $0.count >= 6 && word.hasPrefix($0) })
        }
    }

    private static let jobTitleWords: Set<String> = [
        "engineer", "developer", "manager", "analyst", "director", "designer", "consultant", "architect",
        "scientist", "specialist", "coordinator", "assistant", "associate", "lead", "head", "officer",
        "intern", "administrator", "technician", "nurse", "teacher", "professor", "lecturer", "accountant",
        "representative", "sales", "owner", "founder", "cofounder", "president", "vp", "cto", "ceo", "cfo",
        "editor", "writer", "researcher", "physician", "doctor", "pharmacist", "therapist", "advisor",
        "supervisor", "operator", "clerk", "cashier", "chef", "cook", "driver", "mechanic", "electrician",
        "programmer", "tester", "recruiter", "paralegal", "attorney", "lawyer", "trainee", "apprentice",
        "senior", "junior", "principal", "staff",
        // Spanish, Portuguese, French, German, Italian
        "ingeniero", "ingeniera", "desarrollador", "desarrolladora", "gerente", "jefe", "jefa", "enfermero",
        "enfermera", "profesor", "profesora", "maestro", "maestra", "analista", "consultor", "consultora",
        "director", "directora", "tecnico", "tecnica", "auxiliar", "coordinador", "coordinadora", "medico",
        "engenheiro", "engenheira", "desenvolvedor", "enfermeiro", "enfermeira", "professora", "gerente",
        "ingenieur", "ingenieure", "developpeur", "developpeuse", "chef", "responsable", "infirmier",
        "infirmiere", "enseignant", "enseignante", "professeur", "stagiaire", "directeur", "directrice",
        "entwickler", "entwicklerin", "leiter", "leiterin", "lehrer", "lehrerin", "berater", "beraterin",
        "krankenpfleger", "krankenschwester", "pflegefachkraft", "referent", "referentin", "sachbearbeiter",
        "sachbearbeiterin", "praktikant", "praktikantin", "werkstudent", "ingegnere", "sviluppatore", "insegnante",
    ]

    private static let organizationWords: Set<String> = [
        "inc", "llc", "ltd", "limited", "corp", "corporation", "company", "co", "gmbh", "ag", "sa", "sas",
        "sarl", "srl", "spa", "bv", "nv", "plc", "group", "grupo", "groupe", "gruppe", "bank", "hospital",
        "clinic", "clinica", "klinik", "klinikum", "university", "universidad", "universite", "universitat",
        "universidade", "school", "escuela", "colegio", "ecole", "schule", "gymnasium", "agency", "agencia",
        "labs", "technologies", "systems", "solutions", "services", "partners", "consulting", "studio",
        "foundation", "fundacion", "institute", "instituto", "ministry", "ministerio", "department",
        "hospitales", "krankenhaus", "centro", "center", "centre",
    ]

    private static let institutionWords: Set<String> = [
        "university", "universidad", "universite", "universitat", "universidade", "universita", "universiteit",
        "college", "institute", "instituto", "institut", "school", "escuela", "ecole", "schule", "hochschule",
        "fachhochschule", "gymnasium", "academy", "academia", "akademie", "lycee", "liceo", "polytechnic",
        "politecnico", "polytechnique", "faculty", "facultad", "faculdade", "conservatory", "seminary", "colegio",
    ]

    private static let degreeWords: Set<String> = [
        "bs", "ba", "bsc", "msc", "ms", "ma", "mba", "phd", "md", "jd", "meng", "beng", "bfa", "mfa", "llb", "llm",
        "bachelor", "bachelors", "master", "masters", "doctorate", "doctor", "associate", "diploma", "degree",
        "certificate", "licenciatura", "licenciado", "licenciada", "grado", "maestria", "doctorado", "tecnico",
        "diplomado", "licence", "diplome", "ingenieur", "bts", "dut", "doctorat", "baccalaureat", "bac",
        "diplom", "magister", "staatsexamen", "abitur", "ausbildung", "promotion", "bacharelado", "mestrado",
        "doutorado", "licenciatura", "laurea", "dottorato", "hbo", "wo",
    ]

    private static let corporateSuffixes: Set<String> = [
        "inc", "llc", "ltd", "corp", "co", "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc",
        "sl", "sa de cv", "ltda", "kg", "ug", "lp", "llp", "pty ltd", "pvt ltd",
    ]
}
