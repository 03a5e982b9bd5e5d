/// The passes resumes replaced whose points had already been made final: a resume that goes
/// back further than the points held back leaves them in the data the detectors saw.
///
/// An incident that starts among them (its first firing read before the resume, on its
/// rank, at a step the resume went back over) is about a pass the run threw away: often the
/// very failure it was restarted from. It is kept, as info and saying so, so that the run is
/// judged on the pass that replaced it, as it is when the replaced points were still held.
struct ReplacedPasses {
    /// A resume that left replaced points in the data.
    private struct Span {
        var rank: Int?
        var steps: ClosedRange<Double>
        var file: Int
        var line: Int
        var location: String
    }

    private let spans: [Span]
    private let fileIndex: [String: Int]

    /// The replaced passes of `resumes`, whose files are among `files` (in reading order).
    init(resumes: [ResumeEvent], files: [String]) {
        var index: [String: Int] = [:]
        for (offset, file) in files.enumerated() where index[file] == nil { index[file] = offset }
        fileIndex = index
        spans = resumes.compactMap { resume in
            guard resume.keptFinal != nil, resume.toStep <= resume.fromStep,
                let file = index[resume.file]
            else { return nil }
            return Span(
                rank: resume.rank, steps: resume.toStep...resume.fromStep, file: file,
                line: resume.line, location: "\(resume.file):\(resume.line)")
        }
    }

    /// `incidents` split into those of the run and those of replaced passes, the latter made
    /// info and worded as such.
    func split(_ incidents: [Incident]) -> (kept: [Incident], replaced: [Incident]) {
        guard !spans.isEmpty else { return (incidents, []) }
        var kept: [Incident] = []
        var replaced: [Incident] = []
        for incident in incidents {
            guard let span = span(of: incident) else {
                kept.append(incident)
                continue
            }
            var demoted = incident
            demoted.severity = .info
            demoted.message =
                "in the pass replaced by the resume at `\(span.location)` (its points were "
                + "already final): " + incident.message
            replaced.append(demoted)
        }
        return (kept, replaced)
    }

    private func span(of incident: Incident) -> Span? {
        guard let step = incident.startStep, let place = incident.location.flatMap(position)
        else { return nil }
        return spans.first { span in
            (span.rank == nil || span.rank == incident.rank) && span.steps.contains(step)
                && (place.file, place.line) < (span.file, span.line)
        }
    }

    /// The file index and line of a `file:line` location.
    private func position(_ location: String) -> (file: Int, line: Int)? {
        guard let colon = location.lastIndex(of: ":"),
            let line = Int(location[location.index(after: colon)...]),
            let file = fileIndex[String(location[..<colon])]
        else { return nil }
        return (file, line)
    }
}
