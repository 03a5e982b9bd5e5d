/// Writes `junit.xml`: one test case per detector, a `<failure>` per incident at or above
/// `--fail-on`, incidents below it as the case's `<system-out>`; and a test case with an
/// `<error>` for each input that could not be read, and one when no metric was judged, either of
/// which also makes the run exit 2, so that a CI page shows why instead of all green. Ranks
/// that stopped logging early, and compressed inputs whose data was damaged or cut short,
/// which fail nothing without `--strict`, are told in passing cases' `<system-out>`.
///
/// The shape is the common one Jenkins (its `junit-10.xsd`) and GitLab read: `testsuites`
/// (name, tests, failures, errors, time) › `testsuite` (the same and skipped) › `testcase`
/// (classname, name, time). `failures` counts failing test cases, not incidents.
public enum JUnitXML {
    /// The document for `verdict`; `seconds` is the analysis time written as `time`;
    /// `baseline` adds the case of `baseline_regression`, which runs only with `--baseline`;
    /// `unreadable` are the inputs that could not be read, a case each after the detectors';
    /// `rankEnds`, the sentences of ranks that stopped logging early, make one case more, and
    /// so does each of `inputs` that was damaged (``InputSummary/damage``); the detectors
    /// `settings` turned off are skipped cases.
    public static func render(
        _ verdict: Verdict, seconds: Double = 0, baseline: Bool = false,
        unreadable: [InputError] = [], rankEnds: [String] = [], inputs: [InputSummary] = [],
        settings: ConfigChanges? = nil
    ) -> String {
        var cases = testCases(verdict, baseline: baseline)
        for off in settings?.disabled ?? [] {
            guard let index = cases.firstIndex(where: { $0.detector == off.detector }) else {
                continue
            }
            cases[index].skipped = SettingsWords.skipReason(off, file: settings?.file)
        }
        let failures = cases.filter { !$0.failures.isEmpty }.count
        let errors = unreadable.map(render) + (verdict.judgedNothing ? [judgedNothingCase] : [])
        let damaged = inputs.filter { !$0.damage.isEmpty }.map(damageCase)
        let notes = (rankEnds.isEmpty ? [] : [rankEndsCase(rankEnds)]) + damaged
        let body = cases.map(render).joined() + notes.joined() + errors.joined()
        return document(
            body, tests: cases.count + notes.count + errors.count, failures: failures,
            errors: errors.count, skipped: cases.filter { $0.skipped != nil }.count,
            failOn: verdict.failOn, seconds: seconds)
    }

    /// The passing case that tells of ranks that stopped logging early, a warning line each.
    static func rankEndsCase(_ sentences: [String]) -> String {
        warningCase(classname: "runlens.run", name: RankEndWords.caseName, warnings: sentences)
    }

    /// The passing case of an input whose data was damaged: its warnings, a line each.
    static func damageCase(_ input: InputSummary) -> String {
        warningCase(classname: "runlens.input", name: input.path, warnings: input.damage)
    }

    /// A passing case whose output is `warnings`, a line each.
    private static func warningCase(classname: String, name: String, warnings: [String])
        -> String
    {
        let lines = warnings.map { "warning: " + $0 }.joined(separator: "\n") + "\n"
        return "    <testcase classname=\"\(classname)\" name=\"\(XMLText.attribute(name))\" "
            + "time=\"0\">\n      <system-out>" + XMLText.content(lines) + "</system-out>\n"
            + "    </testcase>\n"
    }

    /// The case of a run in which no metric took a role a detector judges.
    static var judgedNothingCase: String {
        errorCase(
            classname: "runlens.analyze", name: "roles",
            message: ReportMarkdown.judgedNothingText, type: "nothing judged")
    }

    /// The whole document around the test cases in `body`.
    static func document(
        _ body: String, tests: Int, failures: Int, errors: Int, skipped: Int = 0,
        failOn: Severity?, seconds: Double
    ) -> String {
        let time = NumberFormat.fixed(max(seconds, 0), decimals: 3)
        let counts = "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\""
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<testsuites name=\"runlens\" \(counts) time=\"\(time)\">\n"
        text += "  <testsuite name=\"runlens analyze\" \(counts) skipped=\"\(skipped)\" "
        text += "time=\"\(time)\">\n"
        text += "    <properties>\n"
        text += "      <property name=\"fail-on\" value=\"\(failOn?.name ?? "never")\"/>\n"
        text += "    </properties>\n"
        text += body
        text += "  </testsuite>\n</testsuites>\n"
        return text
    }

    /// The case of an input that could not be read: named by its path, with the reason.
    static func render(_ error: InputError) -> String {
        errorCase(
            classname: "runlens.input", name: error.path, message: error.description,
            type: "unreadable")
    }

    /// A test case holding one `<error>`.
    static func errorCase(classname: String, name: String, message: String, type: String)
        -> String
    {
        "    <testcase classname=\"\(classname)\" name=\"\(XMLText.attribute(name))\" time=\"0\">\n"
            + "      <error message=\"\(XMLText.attribute(message))\" type=\"\(type)\"/>\n"
            + "    </testcase>\n"
    }

    /// One detector's test case: the incidents that fail it, and the ones below the bar.
    struct TestCase {
        var family: String
        var detector: String
        var failures: [Incident] = []
        var notes: [Incident] = []
        /// Why the detector did not run, when the settings turned it off.
        var skipped: String?
    }

    /// A case for every known detector (with `baseline`, also those that run on request),
    /// and for any other id an incident names, in catalogue order; each case's incidents most
    /// severe first.
    static func testCases(_ verdict: Verdict, baseline: Bool = false) -> [TestCase] {
        let families = DetectorCatalog.families + (baseline ? DetectorCatalog.onRequest : [])
        var cases = families.flatMap { family in
            family.ids.map { TestCase(family: family.family, detector: $0) }
        }
        for incident in verdict.ranked {
            var index = cases.firstIndex { $0.detector == incident.detector }
            if index == nil {
                let family = DetectorCatalog.family(of: incident.detector) ?? "other"
                cases.append(TestCase(family: family, detector: incident.detector))
                index = cases.count - 1
            }
            guard let index else { continue }
            if let level = verdict.failOn, incident.severity >= level {
                cases[index].failures.append(incident)
            } else {
                cases[index].notes.append(incident)
            }
        }
        return cases
    }

    private static func render(_ testCase: TestCase) -> String {
        let open =
            "    <testcase classname=\"runlens.\(XMLText.attribute(testCase.family))\" "
            + "name=\"\(XMLText.attribute(testCase.detector))\" time=\"0\""
        if let reason = testCase.skipped {
            return open + ">\n      <skipped message=\"\(XMLText.attribute(reason))\"/>\n"
                + "    </testcase>\n"
        }
        guard !testCase.failures.isEmpty || !testCase.notes.isEmpty else { return open + "/>\n" }
        var text = open + ">\n"
        for incident in testCase.failures {
            text += "      <failure message=\"\(XMLText.attribute(incident.message))\" "
            text += "type=\"\(incident.severity.name)\">"
            text += XMLText.content(body(incident)) + "</failure>\n"
        }
        if !testCase.notes.isEmpty {
            let lines = testCase.notes.map { "\($0.severity.name): \($0.message)\n" + body($0) }
            text += "      <system-out>" + XMLText.content(lines.joined(separator: "\n"))
            text += "</system-out>\n"
        }
        return text + "    </testcase>\n"
    }

    /// Where and what, then each line of evidence.
    static func body(_ incident: Incident) -> String {
        var lines = [IncidentWords.context(incident)]
        lines += incident.evidence
        return lines.joined(separator: "\n") + "\n"
    }
}
