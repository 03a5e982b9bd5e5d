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
            return 2
        }
        if command.help {
            Console.out(AnalyzeCommand.usage)
            return 0
        }
        return analyze(command)
    }

    private static func analyze(_ command: AnalyzeCommand) -> Int32 {
        let analyzer = Analyzer(options: command.options)
        let result: AnalysisResult
        do {
            result = try analyzer.run()
        } catch {
            printProblems(analyzer.inputsRead, analyzer.unreadableInputs)
            if case .input(let input) = error, analyzer.unreadableInputs.contains(input) {
                return 2
            }
            Console.error(error.description)
            return 2
        }
        printProblems(result.inputs, result.inputErrors)
        if result.fieldsDropped > 0 {
            Console.warning(
                "more than \(command.options.maxFields) distinct field names: "
                    + "\(result.fieldsDropped) values of later new names were dropped "
                    + "(raise --max-fields to keep them)")
        }
        if result.seriesDropped > 0 {
            Console.warning(
                "more than \(command.options.maxSeries) series (metric x rank x device): "
                    + "\(result.seriesDropped) values of later new series were dropped "
                    + "(raise --max-series to keep them)")
        }

        let incidents: [Incident] = []
        let verdict = Verdict(incidents: incidents, failOn: command.failOn)
        let writer = OutputWriter(directory: command.outputDirectory)
        do {
            try writer.write(
                result: result, incidents: incidents, verdict: verdict, version: Version.current)
        } catch {
            Console.error(error.description)
            return 2
        }
        printVerdict(result, verdict, writer: writer, quiet: command.quiet)
        if !result.inputErrors.isEmpty { return 2 }
        return verdict.failed ? 1 : 0
    }

    /// The inputs that could not be read, then every input's warnings, on standard error.
    private static func printProblems(
        _ inputs: [InputSummary], _ errors: [InputError]
    ) {
        for error in errors { Console.error(error.description) }
        for input in inputs {
            for warning in input.warnings { Console.warning("\(input.path): \(warning)") }
        }
    }

    private static func printVerdict(
        _ result: AnalysisResult, _ verdict: Verdict, writer: OutputWriter, quiet: Bool
    ) {
        let counts = result.accounting
        Console.out(
            "\(verdict.status): \(verdict.countsText) — \(counts.records) records, "
                + "\(counts.malformed) malformed, \(result.inputs.count) input(s); "
                + "report: \(writer.path("report.md"))")
        guard !quiet else { return }
        for incident in verdict.ranked.prefix(5) {
            Console.out("  \(incident.severity.name) \(incident.detector): \(incident.message)")
        }
    }
}
