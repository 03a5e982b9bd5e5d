extension JUnitXML {
    /// The document of an analysis that could not do its job (exit 2): its configuration or
    /// baseline could not be used, no input could be read, none held a record, or `--strict`
    /// met a malformed line or a damaged compressed input. No detector ran, so
    /// there are no detector cases; there is an error case for each input that could not be
    /// read, and one for `failure` unless it is one of those.
    ///
    /// A CI page that reads JUnit files then shows why the run failed, where before it
    /// found no file at all.
    public static func render(
        failure: AnalysisError, unreadable: [InputError], failOn: Severity?, seconds: Double = 0
    ) -> String {
        let cases = unreadable.map(render) + failureCase(failure, unreadable: unreadable)
        return document(
            cases.joined(), tests: cases.count, failures: 0, errors: cases.count, failOn: failOn,
            seconds: seconds)
    }

    /// The error case that says what stopped the analysis; none when an unreadable input's
    /// case already does.
    private static func failureCase(_ failure: AnalysisError, unreadable: [InputError])
        -> [String]
    {
        switch failure {
        case .input(let error):
            return unreadable.contains(error) ? [] : [render(error)]
        case .malformed(let line):
            return [
                errorCase(
                    classname: "runlens.input", name: line.file, message: failure.description,
                    type: "malformed")
            ]
        case .damaged(let input):
            return [
                errorCase(
                    classname: "runlens.input", name: input.path, message: failure.description,
                    type: "damaged")
            ]
        case .noRecords:
            return [analysisCase("records", failure, type: "no-records")]
        case .noInputs:
            return [analysisCase("inputs", failure, type: "no-inputs")]
        case .windowSpill:
            return [analysisCase("windows", failure, type: "failed")]
        case .setup:
            return [analysisCase("setup", failure, type: "setup")]
        }
    }

    private static func analysisCase(_ name: String, _ failure: AnalysisError, type: String)
        -> String
    {
        errorCase(
            classname: "runlens.analyze", name: name, message: failure.description, type: type)
    }
}
