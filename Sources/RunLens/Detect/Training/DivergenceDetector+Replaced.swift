extension DivergenceDetector {
    /// An info incident for each resume whose replaced pass held non-finite losses or
    /// gradient norms: the replayed steps supersede that pass for every detector, so it
    /// cannot fail the run, but it is often why the job was restarted and should not vanish
    /// from the verdict.
    func replacedIncidents(_ resumes: [ResumeEvent]) -> [Incident] {
        let watched = Set(
            descriptors.filter { $0.info.role == .trainLoss || $0.info.role == .gradNorm }.map(
                \.name))
        return resumes.compactMap { resume in
            let replaced = (resume.replacedNonFinite ?? []).filter { watched.contains($0.metric) }
            guard let first = replaced.first else { return nil }
            return Incident(
                severity: .info, detector: "divergence", metric: first.metric, rank: resume.rank,
                startStep: first.firstStep, endStep: resume.fromStep,
                count: replaced.reduce(0) { $0 + $1.count },
                message: Self.replacedMessage(replaced, resume: resume),
                location: "\(resume.file):\(resume.line)")
        }
    }

    /// `the pass a resume to step 801 replaced went non-finite: loss from step 900 (51
    /// values); only the replayed steps were judged`.
    private static func replacedMessage(_ replaced: [ReplacedNonFinite], resume: ResumeEvent)
        -> String
    {
        let parts = replaced.map { item in
            let values = item.count == 1 ? "1 value" : "\(item.count) values"
            return "\(item.metric) from step \(NumberFormat.short(item.firstStep)) (\(values))"
        }
        return "the pass a resume to step \(NumberFormat.short(resume.toStep)) replaced went "
            + "non-finite: \(parts.joined(separator: ", ")); only the replayed steps were judged"
    }
}
