/// Turns the leaves a reader visits into a `Record`: interns names, reads positions,
/// outcomes and events, and converts numbers written as strings.
///
/// One builder serves one input; it is reused for every record of it.
public struct RecordBuilder: FieldVisitor {
    /// The record being built; call `begin()` before each.
    public var record = Record()
    /// The shared name table.
    public let fields: FieldTable
    /// Times in this input that are offsets count milliseconds (Mooncake traces).
    public var relativeTimesInMilliseconds = false
    /// `NaN` cells are placeholders for "not measured" (CSV loggers write `nan` in columns
    /// that a row does not fill); only the training loss and gradient norm keep them.
    public var nanIsMissing = false {
        didSet { checkGuesses() }
    }

    /// For each leaf position of the previous record, what the next record is guessed to hold.
    private var guesses: [PositionGuess] = []
    private var leafPosition = 0
    /// For each field id, the last record (by `recordSerial`) that took a metric value, a step,
    /// a time or a rank of it.
    private let takenIn = FieldMarks()
    private var recordSerial = 0
    /// While every leaf of the record so far was a number taken as expected, and no two
    /// guesses name one field: the metric leaves among them are not marked in `takenIn`
    /// (none can repeat an earlier one) until another kind of leaf comes.
    private var marksDeferred = false
    /// Whether marks may be deferred: no two guesses name one field, and `nanIsMissing` is
    /// off (with it on, a NaN metric is not taken, so not marked either). Worked out
    /// whenever a guess or `nanIsMissing` changes.
    private var marksDeferrable = false
    /// Scratch marks for telling whether the guesses are distinct.
    private let seenIn = FieldMarks()
    private var checkSerial = 0
    /// What each field id is for, filled in as ids appear.
    private var uses: [FieldUse] = []

    /// Creates a builder that interns names into `fields`.
    public init(fields: FieldTable) {
        self.fields = fields
    }

    /// Starts a new record.
    public mutating func begin() {
        record.reset()
        leafPosition = 0
        recordSerial &+= 1
        marksDeferred = marksDeferrable
    }

    /// Works out whether marks may be deferred.
    private mutating func checkGuesses() {
        checkSerial &+= 1
        let repeated = guesses.contains { guess in
            guess.leaf.id >= 0 && seenIn.mark(Int(guess.leaf.id), serial: checkSerial)
        }
        marksDeferrable = !repeated && !nanIsMissing
    }

    /// Marks the metric leaves taken so far, whose marks were deferred, and defers no more.
    @inline(never)
    private mutating func markDeferred() {
        marksDeferred = false
        for position in 0..<leafPosition where guesses[position].isMetric {
            _ = takenIn.mark(Int(guesses[position].leaf.id), serial: recordSerial)
        }
    }

    /// The id of `key`: the id the same leaf had in the previous record when the bytes
    /// match (most lines repeat their key order), else an interned lookup.
    @inline(__always)
    mutating func fieldID(_ key: UnsafeRawBufferPointer) -> Int32? {
        if marksDeferred { markDeferred() }
        defer { leafPosition += 1 }
        if isPredicted(key) { return guesses[leafPosition].leaf.id }
        let id = fields.intern(key)
        predict(id ?? -1, key: key)
        return id
    }

    /// Whether the next leaf's key is the one the previous record had at its position.
    @inline(__always)
    private func isPredicted(_ key: UnsafeRawBufferPointer) -> Bool {
        leafPosition < guesses.count && guesses[leafPosition].leaf.matches(key, in: fields)
    }

    /// Remembers that the next leaf has `key` and `id`, to guess the next record's.
    private mutating func predict(_ id: Int32, key: UnsafeRawBufferPointer) {
        let guess = PositionGuess(
            leaf: LeafGuess(id: id, key: key), expected: id >= 0 ? ExpectedKey(key: key) : nil,
            isMetric: id >= 0 && use(id).isMetric, numberKey: Record.leafKey(field: id, index: -1))
        if leafPosition < guesses.count {
            guesses[leafPosition] = guess
        } else {
            guesses.append(guess)
        }
        // A changed guess costs far more than this pass over all of them (its key's text
        // is made anew).
        checkGuesses()
    }

    @inline(__always)
    public mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {
        record.leafCount += 1
        guard let id = fieldID(key) else { return }
        takeNumber(id: id, index: index, value: value)
    }

    public mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        record.leafCount += 1
        guard let id = fieldID(key) else { return }
        takeString(id: id, value: value)
    }

    public mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {
        record.leafCount += 1
        guard let id = fieldID(key) else { return }
        takeBool(id: id, value: value)
    }

    public mutating func visitNull(key: UnsafeRawBufferPointer) {
        record.leafCount += 1
        guard let id = fieldID(key) else { return }
        takeNull(id: id)
    }

    @inline(__always)
    private mutating func takeNumber(id: Int32, index: Int?, value: Double) {
        takeNumber(
            id: id, index: index, value: value, isMetric: use(id).isMetric,
            key: Record.leafKey(field: id, index: index ?? -1))
    }

    /// Takes a number of field `id`, whose use is a metric when `isMetric` holds; `key` is
    /// its leaf key for the record's hash.
    @inline(__always)
    private mutating func takeNumber(
        id: Int32, index: Int?, value: Double, isMetric: Bool, key: UInt64
    ) {
        record.mix(key: key, value.bitPattern)
        if isMetric, !nanIsMissing {
            appendMetric(id: id, index: index, value: value)
        } else {
            take(id: id, index: index, value: value)
        }
    }

    private mutating func takeString(id: Int32, value: UnsafeRawBufferPointer) {
        record.mix(key: Record.leafKey(field: id, index: -2), FieldTable.hash(value))
        takeText(id: id, value: value)
    }

    private mutating func takeBool(id: Int32, value: Bool) {
        record.mix(UInt64(UInt32(bitPattern: id)) ^ (value ? 1 : 2))
        if case .outcome = use(id).kind {
            record.outcome = value ? .error(type: "error") : .ok
        }
    }

    private mutating func takeNull(id: Int32) {
        record.mix(UInt64(UInt32(bitPattern: id)) ^ 3)
        if case .outcome = use(id).kind, record.outcome == .unknown {
            record.outcome = .ok
        }
    }

    private mutating func take(id: Int32, index: Int?, value: Double) {
        let use = use(id)
        switch use.kind {
        case .step(let priority):
            if value.isFinite, replaces(priority, record.stepPriority, id: id) {
                record.step = value
                record.stepPriority = priority
                record.stepIsIter = use.isIter
            }
        case .epoch:
            record.epoch = value
        case .time(let priority):
            setTime(value, priority: priority, id: id)
        case .timeOrDuration:
            if TimestampParser.epochSeconds(value) != nil {
                setTime(value, priority: 3, id: id)
            } else {
                appendMetric(id: id, index: index, value: value)
            }
        case .rank(let priority):
            if value.isFinite, abs(value) < 1e6, replaces(priority, record.rankPriority, id: id) {
                record.rank = Int(value)
                record.rankPriority = priority
            }
        case .device:
            if value.isFinite, abs(value) < 1e6 { record.device = Int(value) }
        case .outcome:
            takeOutcomeCode(name: fields.infos[Int(id)].name, value: value)
        case .version:
            record.version = Outcome.formatCode(value)
        case .mode, .event, .ignored:
            break
        case .metric:
            appendMetric(id: id, index: index, value: value)
        }
    }

    /// The uses of field `id`.
    @inline(__always)
    private mutating func use(_ id: Int32) -> FieldUse {
        let field = Int(id)
        if field >= uses.count { addUses(through: field) }
        return uses[field]
    }

    private mutating func addUses(through field: Int) {
        while uses.count <= field {
            uses.append(FieldUse(fields.infos[uses.count]))
        }
    }

    @inline(__always)
    private mutating func appendMetric(id: Int32, index: Int?, value: Double) {
        if nanIsMissing, value.isNaN, !use(id).keepsNaN { return }
        if index ?? 0 == 0 { dropEarlierValues(of: id) }
        // `begin()` made the record's buffer its own: no uniqueness check per value.
        record.values.appendOwned(
            MetricValue(field: id, index: Int32(index ?? -1), value: value))
    }

    /// A key written twice in one record keeps its last value, as JSON readers do: a scalar,
    /// or the first element of an array, replaces what the key gave before.
    @inline(__always)
    private mutating func dropEarlierValues(of id: Int32) {
        if takenIn.mark(Int(id), serial: recordSerial) {
            dropValues(of: id)
        }
    }

    /// Removes every value of field `id` from the record: rare, so kept out of line.
    @inline(never)
    private mutating func dropValues(of id: Int32) {
        record.values.removeAll { $0.field == id }
    }

    /// Whether a step, time or rank of field `id` at `priority` replaces the one the record
    /// holds at `held`: a higher priority (a lower number) does, and so does a key written
    /// again in the same record, whose last value wins as a metric's does. Call it once per
    /// leaf: it marks `id` as taken. Mutating only so that the builder is passed by reference:
    /// a non-mutating call from a mutating method copied the whole builder for every call.
    @inline(__always)
    private mutating func replaces(_ priority: Int, _ held: Int, id: Int32) -> Bool {
        let again = takenIn.mark(Int(id), serial: recordSerial)
        return priority < held || (again && priority == held)
    }

    private mutating func setTime(_ value: Double, priority: Int, id: Int32) {
        guard value.isFinite, replaces(priority, record.timePriority, id: id) else { return }
        record.timePriority = priority
        if let seconds = TimestampParser.epochSeconds(value) {
            record.time = seconds
            record.timeIsRelative = false
        } else {
            record.time = relativeTimesInMilliseconds ? value / 1000 : value
            record.timeIsRelative = true
        }
    }

    private mutating func takeOutcomeCode(name: String, value: Double) {
        let lower = name.lowercased()
        if lower == "error_code" {
            record.outcome = .error(type: Outcome.formatCode(value))
        } else if lower.hasPrefix("status") {
            record.outcome = Outcome.fromStatus(code: value)
        } else if value != 0 {
            record.outcome = .error(type: Outcome.formatCode(value))
        } else if record.outcome == .unknown {
            record.outcome = .ok
        }
    }

    private mutating func takeText(id: Int32, value: UnsafeRawBufferPointer) {
        switch use(id).kind {
        case .metric, .step, .epoch, .rank, .device:
            if let number = NumberParser.parseLenient(value) {
                take(id: id, index: nil, value: number)
            }
        case .time(let priority):
            takeTimeText(value, priority: priority, id: id)
        case .timeOrDuration:
            takeTimeText(value, priority: 3, id: id, onlyTime: false)
        case .mode:
            let mode = String(decoding: value, as: UTF8.self).lowercased()
            record.isEvalMode = ["val", "eval", "test", "validation", "valid"].contains(mode)
        case .event:
            if record.event == nil {
                record.event = String(decoding: value.prefix(200), as: UTF8.self)
            }
        case .outcome:
            takeOutcomeText(name: fields.infos[Int(id)].name, value: value)
        case .version:
            record.version = String(decoding: value.prefix(80), as: UTF8.self)
        case .ignored:
            break
        }
    }

    /// A time written as text: a number, or a date and time. Text that is neither, in a field
    /// that only ever holds a time (not `time`, which may be a duration), is noted.
    private mutating func takeTimeText(
        _ value: UnsafeRawBufferPointer, priority: Int, id: Int32, onlyTime: Bool = true
    ) {
        if let number = NumberParser.parseLenient(value) {
            setTime(number, priority: priority, id: id)
        } else if priority > record.timePriority {
            // A time from a field that ranks before this one is taken: this text is moot.
            return
        } else if let seconds = TimestampParser.parse(value) {
            guard replaces(priority, record.timePriority, id: id) else { return }
            record.time = seconds
            record.timeIsRelative = false
            record.timePriority = priority
        } else if onlyTime {
            record.hasUnreadTime = true
        }
    }

    private mutating func takeOutcomeText(name: String, value: UnsafeRawBufferPointer) {
        let text = String(decoding: value.prefix(120), as: UTF8.self)
        let lower = name.lowercased()
        if lower.hasPrefix("status") {
            record.outcome = Outcome.fromStatus(text: text)
        } else if lower == "error_msg" {
            if case .error = record.outcome { return }
            if !text.trimmingSpaces().isEmpty {
                record.outcome = .error(type: text.trimmingSpaces())
            }
        } else {
            let outcome = Outcome.fromError(text: text)
            if outcome != .ok || record.outcome == .unknown { record.outcome = outcome }
        }
    }
}

extension RecordBuilder: EarlyFieldVisitor {
    @inline(__always)
    mutating func visitEarly(key: UnsafeRawBufferPointer, number: Double) -> Bool {
        guard let id = knownFieldID(key) else { return false }
        record.leafCount += 1
        takeNumber(id: id, index: nil, value: number)
        return true
    }

    mutating func visitEarly(key: UnsafeRawBufferPointer, string: UnsafeRawBufferPointer)
        -> Bool
    {
        guard let id = knownFieldID(key) else { return false }
        record.leafCount += 1
        takeString(id: id, value: string)
        return true
    }

    mutating func visitEarly(key: UnsafeRawBufferPointer, bool: Bool) -> Bool {
        guard let id = knownFieldID(key) else { return false }
        record.leafCount += 1
        takeBool(id: id, value: bool)
        return true
    }

    mutating func visitEarlyNull(key: UnsafeRawBufferPointer) -> Bool {
        guard let id = knownFieldID(key) else { return false }
        record.leafCount += 1
        takeNull(id: id)
        return true
    }

    /// Starts the record again.
    mutating func restartRecord() {
        begin()
    }

    /// The id of `key` when the field table holds it already, else `nil`, changing nothing.
    ///
    /// A leaf taken early touches only the record, the builder's guesses and its per-record
    /// marks, which `begin()` resets or a later record overwrites; a new name would go into
    /// the shared table, so its leaf waits until the line is known to be valid.
    @inline(__always)
    private mutating func knownFieldID(_ key: UnsafeRawBufferPointer) -> Int32? {
        if marksDeferred { markDeferred() }
        if isPredicted(key) {
            defer { leafPosition += 1 }
            return guesses[leafPosition].leaf.id
        }
        guard let id = fields.existingID(key) else { return nil }
        predict(id, key: key)
        leafPosition += 1
        return id
    }

    /// The text the next leaf's member had in the previous record, when it has one.
    @inline(__always)
    func expectedKey() -> ExpectedKey? {
        leafPosition < guesses.count ? guesses[leafPosition].expected : nil
    }

    /// Takes a number leaf of the expected key: it has the field and the use the guess holds.
    @inline(__always)
    mutating func visitExpected(key: UnsafeRawBufferPointer, number: Double) -> Bool {
        let guess = guesses[leafPosition]
        leafPosition += 1
        record.leafCount += 1
        // As `takeNumber` takes it; a metric whose mark is deferred is not marked.
        record.mix(key: guess.numberKey, number.bitPattern)
        // Deferred marks imply that `nanIsMissing` is off: one test for the usual metric.
        guard guess.isMetric, marksDeferred || !nanIsMissing else {
            take(id: guess.leaf.id, index: nil, value: number)
            return true
        }
        if !marksDeferred { dropEarlierValues(of: guess.leaf.id) }
        record.values.appendOwned(MetricValue(field: guess.leaf.id, index: -1, value: number))
        return true
    }
}

/// What ``RecordBuilder`` guesses about the leaf at one position from the previous record: its
/// field, the text its member begins with when it has one, whether the field is a metric and
/// its part of the record's hash, so that a leaf that matches needs no other lookup.
private struct PositionGuess {
    var leaf: LeafGuess
    var expected: ExpectedKey?
    var isMetric: Bool
    /// The leaf key of a number at this position without an array index, for the hash.
    var numberKey: UInt64
}
