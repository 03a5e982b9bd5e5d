import Foundation
import RunLens

/// Runs `runlens analyze`: reads, detects, writes the report, prints the verdict.
enum AnalyzeRunner {
    /// The exit code of `runlens analyze arguments`.
    static func run(_ arguments: [String]) -> Int32 {
        let command: AnalyzeCommand
        do {
            command = try AnalyzeCommand(arguments: arguments)
        } catch {
            Console.error(error.message)
            failUsage(error, AnalyzeCommand.remains(of: arguments))
            return 2
        }
        if command.help {
            Console.out(AnalyzeCommand.usage)
            return 0
        }
        return analyze(command)
    }

    private static func analyze(_ command: AnalyzeCommand) -> Int32 {
        var config: RunLensConfig
        var baseline: BaselineSummary?
        let configFile = command.configPath ?? ConfigLoader.defaultFileIfPresent
        do {
            config = try ConfigLoader.resolve(path: configFile)
            if let path = command.baseline {
                let earlier = try BaselineSummary.load(path: path)
                config.serving.qualityBaselines.merge(earlier.qualityScores) { mine, _ in mine }
                baseline = earlier
            }
        } catch {
            // ConfigError or BaselineError: one line naming the file and the reason.
            failSetup("\(error)", command)
            return 2
        }
        var options = command.options
        config.apply(to: &options, explicitWindowSteps: command.options.windowSteps)
        options.configFile = configFile
        if let threads = threadsFromEnvironment() { options.threads = threads }
        var fleet = config.fleet
        if let capacity = command.gpuMemory { fleet.gpuMemoryCapacity = capacity }
        if let clash = OutputWriter(directory: command.outputDirectory).digestInTheWay() {
            Console.error(clash.description)
            return 2
        }
        // The report folder is made first: window rows that leave memory go to a file in it.
        let made: [String]
        do {
            made = try OutputWriter(directory: command.outputDirectory).makeDirectory(
                command.outputDirectory)
        } catch {
            Console.error(error.description)
            return 2
        }
        options.temporaryDirectory = command.outputDirectory
        let analyzer = Analyzer(options: options)
        let suite = DetectorSuite(
            training: config.training, fleet: fleet, serving: config.serving,
            alertStorm: config.alertStorm)
        suite.register(with: analyzer)
        let meter = ProgressMeter(enabled: !command.quiet && Console.isTerminal(2))
        analyzer.progress = meter.update
        var result: AnalysisResult
        do {
            result = try analyzer.run()
        } catch {
            meter.finish()
            fail(error, analyzer, command, made: made, seconds: meter.elapsedSeconds)
            return 2
        }
        meter.finish()
        suite.adoptGuessedUnits(in: &result)
        var judgedBy = config
        judgedBy.fleet = fleet
        result.settings = ConfigChanges.of(judgedBy, file: configFile)
        printProblems(result.inputs, result.inputErrors)
        printLimits(result, options)
        if result.judgedNothing { Console.error(ReportMarkdown.judgedNothingText) }

        let serving = suite.servingSummary
        let verdict: Verdict
        let comparison = baseline.map {
            BaselineComparison(result: result, serving: serving, baseline: $0, config: config)
        }
        let writer = OutputWriter(directory: command.outputDirectory, threads: options.threads)
        // Inputs that could not be read count too: a report's own summary.json, refused.
        if let clash = writer.overwrittenInput(among: inputs(of: command, analyzer)) {
            Console.error(clash.description)
            return 2
        }
        if pipedSummaryMeetsReport(analyzer, command.outputDirectory) {
            Console.error(
                "'-': standard input is a runlens summary, perhaps the report's own in '"
                    + PrintableText.of(command.outputDirectory)
                    + "', which is not written over; choose another -o")
            return 2
        }
        do {
            // The tables need no incidents: they are written while the detectors finish.
            let tables = try writer.startTables(result)
            // TODO(#6): baseline incidents skip the IncidentBuilder, so alert_storm does not
            // count them; letting DetectorSuite.incidents take extra incidents would fix it.
            let incidents = suite.incidents(for: result) + (comparison?.incidents ?? [])
            suite.releaseState()
            var judged = Verdict(incidents: incidents, failOn: command.failOn)
            judged.unreadableInputs = result.inputErrors.count
            judged.judgedNothing = result.judgedNothing
            verdict = judged
            try writer.write(
                result: result, incidents: incidents, verdict: verdict, version: Version.current,
                serving: serving, baseline: comparison, seconds: meter.elapsedSeconds,
                tables: tables)
        } catch {
            Console.error(error.description)
            return 2
        }
        // The verdict first: `| head -1` and people reading the log see it before the
        // annotations, which GitHub picks up from anywhere in the output.
        printVerdict(result, verdict, writer: writer, quiet: command.quiet)
        if command.annotations == .github {
            let lines = GitHubAnnotations.lines(
                verdict, unreadable: result.inputErrors, run: result.overview,
                inputs: result.inputs)
            for line in lines { Console.out(PrintableText.of(line)) }
        }
        if verdict.isError { return 2 }
        return verdict.failed ? 1 : 0
    }

    /// Says why an analysis could not do its job: on standard error, in a `junit.xml` alone
    /// in the report folder (where an earlier report was removed, so no old verdict stays),
    /// and in annotations when asked for. When an input is a file of the report folder (its
    /// `summary.json` given back as a log), the folder itself, or lies in it, or standard
    /// input is a runlens summary while the folder holds one (it may be that one), the folder
    /// is left as it is.
    private static func fail(
        _ error: AnalysisError, _ analyzer: Analyzer, _ command: AnalyzeCommand, made: [String],
        seconds: Double
    ) {
        let unreadable = analyzer.unreadableInputs
        let inputs = inputs(of: command, analyzer)
        let writer = OutputWriter(directory: command.outputDirectory)
        let folder = PrintableText.of(command.outputDirectory)
        if let clash = writer.overwrittenInput(among: inputs) {
            Console.warning(
                "left the report in '\(folder)' as it was: the input "
                    + "'\(PrintableText.of(clash.path))' is one of its files")
        } else if let inside = inputs.first(where: { lies($0, in: command.outputDirectory) }) {
            Console.warning(
                "left the report in '\(folder)' as it was: "
                    + "the input '\(PrintableText.of(inside))' lies in it")
        } else if pipedSummaryMeetsReport(analyzer, command.outputDirectory) {
            Console.warning(
                "left the report in '\(folder)' as it was: "
                    + "standard input is a runlens summary, perhaps this report's own")
        } else {
            removeEarlierReport(command.outputDirectory)
            do {
                try writer.writeFailure(
                    error, unreadable: unreadable, failOn: command.failOn, seconds: seconds)
            } catch {
                Console.error(error.description)
                // The folders it made are empty then: rmdir keeps any other.
                for folder in made.reversed() { rmdir(folder) }
            }
        }
        // Under --strict the error below names the one malformed line, or the damage, already.
        printProblems(
            analyzer.inputsRead, unreadable, malformed: !command.options.strict, told: error)
        if !isUnreadableInput(error, among: unreadable) { Console.error(error.description) }
        guard command.annotations == .github else { return }
        let lines = GitHubAnnotations.lines(failure: error, unreadable: unreadable)
        for line in lines { Console.out(PrintableText.of(line)) }
    }

    /// After a command line that could not be parsed, replaces a report an earlier run left
    /// in the folder the line names (or the `junit.xml` of an earlier failure) with a
    /// `junit.xml` saying why this one failed, so that CI never reads that report as this
    /// run's; unless ``mayClear`` forbids it. A folder that holds neither is left as it is (a
    /// typo creates no folder), and so is every folder when `-o` has no usable value.
    private static func failUsage(_ error: UsageError, _ remains: AnalyzeCommand.Remains) {
        guard let folder = remains.folder, mayClear(folder, keeping: remains.inputs) else {
            return
        }
        let writer = OutputWriter(directory: folder)
        let failedBefore = writer.holdsFailure()
        guard writer.removeEarlierReport() || failedBefore else { return }
        Console.warning(
            "removed the earlier report in '\(PrintableText.of(folder))': this run did not start")
        let failure = AnalysisError.setup(error.message)
        do {
            try writer.writeFailure(failure, unreadable: [], failOn: .critical, seconds: 0)
        } catch {
            Console.error(error.description)
        }
    }

    /// Whether a failed run may clear the report in `folder`: not when it holds a digest, one
    /// of `kept` (the inputs, the baseline: a report compared with the run that now writes
    /// over it), or when one of them lies in it.
    private static func mayClear(_ folder: String, keeping kept: [String]) -> Bool {
        let writer = OutputWriter(directory: folder)
        return writer.digestInTheWay() == nil && writer.overwrittenInput(among: kept) == nil
            && !kept.contains(where: { lies($0, in: folder) })
    }

    /// Says why the configuration or the baseline could not be used and, as ``fail`` does,
    /// leaves only a `junit.xml` saying so in the report folder, so that CI never reads an
    /// earlier run's verdict there; unless ``mayClear`` forbids it.
    private static func failSetup(_ reason: String, _ command: AnalyzeCommand) {
        Console.error(reason)
        let error = AnalysisError.setup(reason)
        let folder = command.outputDirectory
        let writer = OutputWriter(directory: folder)
        let kept = command.options.inputs + (command.baseline.map { [$0] } ?? [])
        if mayClear(folder, keeping: kept) {
            removeEarlierReport(folder)
            do {
                try writer.writeFailure(error, unreadable: [], failOn: command.failOn, seconds: 0)
            } catch {
                Console.error(error.description)
            }
        }
        guard command.annotations == .github else { return }
        for line in GitHubAnnotations.lines(failure: error, unreadable: []) {
            Console.out(PrintableText.of(line))
        }
    }

    /// Whether standard input was refused as a runlens summary while `folder` holds a
    /// report's summary: it may be that report's own, piped back, so the report stays.
    private static func pipedSummaryMeetsReport(_ analyzer: Analyzer, _ folder: String) -> Bool {
        let summary = URL(fileURLWithPath: folder).appendingPathComponent("summary.json").path
        return analyzer.unreadableInputs.contains { $0.path == "-" && Analyzer.refusesSummary($0) }
            && FileManager.default.fileExists(atPath: summary)
    }

    /// Every input of the run: as given, as read, and those that could not be read.
    private static func inputs(of command: AnalyzeCommand, _ analyzer: Analyzer) -> [String] {
        command.options.inputs + analyzer.inputsRead.map(\.path)
            + analyzer.unreadableInputs.map(\.path)
    }

    /// Whether `input` is `folder` or lies in it, symbolic links followed: a report folder
    /// given back as the input, or a copy of its summary kept in it.
    private static func lies(_ input: String, in folder: String) -> Bool {
        guard input != "-" else { return false }
        let resolved = { (path: String) in
            URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        }
        let outside = resolved(folder)
        let path = resolved(input)
        return path == outside || path.hasPrefix(outside.hasSuffix("/") ? outside : outside + "/")
    }

    /// Whether `error` is one of `unreadable`, which were printed already.
    private static func isUnreadableInput(_ error: AnalysisError, among unreadable: [InputError])
        -> Bool
    {
        guard case .input(let input) = error else { return false }
        return unreadable.contains(input)
    }

    /// Clears a report an earlier run left in the output folder, so a failed analysis never
    /// leaves an old verdict behind for CI to pick up.
    private static func removeEarlierReport(_ directory: String) {
        guard OutputWriter(directory: directory).removeEarlierReport() else { return }
        Console.warning("removed the earlier report in '\(PrintableText.of(directory))'")
    }

    /// `RUNLENS_THREADS=1` runs the analysis on one thread (for comparing the two ways);
    /// unset or not a positive number, the default stands.
    private static func threadsFromEnvironment() -> Int? {
        guard let text = ProcessInfo.processInfo.environment["RUNLENS_THREADS"],
            let threads = Int(text), threads > 0
        else { return nil }
        return threads
    }

    /// What `--max-fields` and `--max-series` dropped, on standard error.
    private static func printLimits(_ result: AnalysisResult, _ options: AnalysisOptions) {
        if result.fieldsDropped > 0 {
            Console.warning(
                "more than \(options.maxFields) distinct field names: "
                    + "\(result.fieldsDropped) values of later new names were dropped "
                    + "(raise --max-fields to keep them)")
        }
        if result.seriesDropped > 0 {
            Console.warning(
                "more than \(options.maxSeries) series (metric x rank x device): "
                    + "\(result.seriesDropped) values of later new series were dropped "
                    + "(raise --max-series to keep them)")
        }
        for note in result.pastLimitNotes(quote: "'") { Console.warning(note) }
    }

    /// The inputs that could not be read, then every input's warnings (but the damage that
    /// `told` names) and its first malformed line, on standard error.
    private static func printProblems(
        _ inputs: [InputSummary], _ errors: [InputError], malformed: Bool = true,
        told: AnalysisError? = nil
    ) {
        for error in errors { Console.error(error.description) }
        for input in inputs {
            for warning in input.warnings {
                if case .damaged(let damage) = told, damage.path == input.path,
                    damage.reason == warning
                {
                    continue
                }
                Console.warning("\(input.path): \(warning)")
            }
            if malformed, let first = input.malformedSamples.first {
                Console.warning(PrintableText.of(malformedText(first, input.accounting.malformed)))
            }
        }
    }

    /// `file:line: reason`, and how many more malformed lines the file has.
    private static func malformedText(_ first: MalformedLine, _ count: Int) -> String {
        let more = count - 1
        guard more > 0 else { return "skipped \(first.description)" }
        let lines = more == 1 ? "line" : "lines"
        return "skipped \(first.description) (and \(more) more malformed \(lines) in this "
            + "file; see the report)"
    }

    /// `, 1 with warnings` when inputs were damaged or cut short, so the verdict never
    /// hides that some of what it judged may be wrong.
    private static func warned(_ result: AnalysisResult) -> String {
        let count = result.inputs.filter { !$0.warnings.isEmpty }.count
        return count == 0 ? "" : ", \(count) with warnings"
    }

    private static func printVerdict(
        _ result: AnalysisResult, _ verdict: Verdict, writer: OutputWriter, quiet: Bool
    ) {
        let counts = result.accounting
        let style = Console.outStyle
        let status = style.paint(verdict.status, verdict.isBad ? .boldRed : .boldGreen)
        let unreadable = verdict.unreadableInputs
        Console.out(
            "\(status): \(verdict.countsText) — \(counts.records) records, "
                + "\(counts.malformed) malformed, \(result.inputs.count) input(s)"
                + (unreadable > 0 ? ", \(unreadable) unreadable" : "")
                + (verdict.judgedNothing ? ", nothing judged" : "")
                + Self.warned(result) + "; report: \(PrintableText.of(writer.path("report.md")))")
        guard !quiet else { return }
        for incident in verdict.ranked.prefix(5) {
            let severity = style.severity(incident.severity)
            let message = PrintableText.of(incident.message)
            let unit = incident.unitWords
            let named = unit.isEmpty || message.contains(unit) ? "" : " (\(unit))"
            Console.out("  \(severity) \(incident.detector)\(named): \(message)")
        }
        for sentence in RankEndWords.sentences(in: result.overview) {
            Console.out("  \(style.severity(.warning)): \(PrintableText.of(sentence))")
        }
        if let settings = result.settings, let words = SettingsWords.sentence(settings) {
            Console.out("  settings: \(PrintableText.of(words))")
        }
    }
}
