/// One series against one rule, read twice when the rule is in percent: as percentages, and
/// as fractions of 1 (`0.93` for 93%, what `psutil`-style and `torch.cuda.utilization`
/// wrappers often log), until the series shows which it is.
///
/// A value above 1 makes it percentages and drops the fraction reading; a series that never
/// passes 1 and holds a value that is not a whole number (`0.93`) is read as fractions. A
/// series of whole numbers only (`0`, `1`: an idle GPU's percent) stays percentages, and so
/// does one whose log states its unit (`45 %`, `utilization.gpu [%]`). Both readings keep
/// their stretches, bounded as ever, until the end, where the choice is made: the points
/// themselves are not held.
struct StretchReading {
    /// The series read as it was logged.
    private(set) var asLogged: StretchTracker
    /// The series read as fractions, scaled by 100; `nil` once a value passed 1, or for a
    /// rule not in percent.
    private(set) var asFraction: StretchTracker?
    /// Whether a finite value that is not a whole number was seen.
    private var sawPartValue = false

    /// Starts reading a series against `rule`; `statedUnit` is the unit its log names.
    init(rule: StretchRule, settings: FleetSettings, statedUnit: String?) {
        asLogged = StretchTracker(rule: rule, settings: settings)
        let stated = statedUnit.map { !$0.isEmpty } ?? false
        if rule.isPercent && !stated {
            asFraction = StretchTracker(rule: rule, settings: settings, scale: 100)
        }
    }

    /// Whether the series is read as fractions: it never passed 1 and was not all whole
    /// numbers. Final once every point has been added.
    var readsFractions: Bool { asFraction != nil && sawPartValue }

    /// The reading the incidents come from.
    var chosen: StretchTracker { readsFractions ? asFraction ?? asLogged : asLogged }

    /// Takes the next sample.
    mutating func add(_ point: Point) {
        asLogged.add(point)
        guard asFraction != nil else { return }
        if point.value > 1 {
            asFraction = nil
            return
        }
        if point.value.isFinite && point.value.rounded() != point.value { sawPartValue = true }
        asFraction?.add(point)
    }

    /// Ends the stretches in progress.
    mutating func close() {
        asLogged.close()
        asFraction?.close()
    }
}
