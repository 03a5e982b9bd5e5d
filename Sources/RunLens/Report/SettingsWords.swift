/// How a run's settings are told: which file was read, what it changed from the defaults,
/// and which detectors it turned off, in the verdict's lines, `report.md` and `junit.xml`.
public enum SettingsWords {
    /// One line for the verdict, or `nil` when the run used the defaults and read no file:
    /// `runlens.json changes 2 settings from the defaults; turned off: loss_spike`.
    public static func sentence(_ settings: ConfigChanges) -> String? {
        guard settings.file != nil || !settings.isEmpty else { return nil }
        let count = CountPhrase.of(settings.changed.count, "setting")
        let text =
            switch (settings.file, settings.isEmpty) {
            case (let file?, true): "\(file) changes nothing from the defaults"
            case (let file?, false): "\(file) changes \(count) from the defaults"
            case (nil, _): "\(count) changed from the defaults"
            }
        let off = settings.disabled.map(\.detector)
        return off.isEmpty ? text : text + "; turned off: " + off.joined(separator: ", ")
    }

    /// The paragraph of `report.md`'s inputs section: the file, each changed setting with its
    /// value, and the detectors turned off.
    static func paragraph(_ settings: ConfigChanges) -> String {
        let source = settings.file.map { "read from \(MarkdownCode.span($0))" }
        guard !settings.isEmpty else {
            let file = source.map { ", " + $0 } ?? " (no configuration file)"
            return "**Settings:** the defaults\(file).\n"
        }
        let changes = settings.changed.map {
            MarkdownCode.span($0.key) + " = " + MarkdownCode.span($0.value)
        }
        var text = "**Settings:** " + (source.map { $0 + "; " } ?? "")
        text += CountPhrase.of(settings.changed.count, "setting") + " changed from the defaults: "
        text += changes.joined(separator: ", ") + ".\n"
        guard !settings.disabled.isEmpty else { return text }
        let off = settings.disabled.map { MarkdownCode.span($0.detector) }
        return text + "Turned off, so not judged: " + off.joined(separator: ", ") + ".\n"
    }

    /// Why `disabled`'s detector was not run, for its skipped `junit.xml` case.
    static func skipReason(_ disabled: ConfigChanges.Disabled, file: String?) -> String {
        "turned off by \(disabled.key)" + (file.map { " in \($0)" } ?? "")
    }
}
