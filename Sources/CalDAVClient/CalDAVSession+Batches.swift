import FreeBusy
import HTTPClient

extension CalDAVSession {
    /// Free/busy for every attendee, in their order: split by `BatchPolicy.standard`
    /// and bisected where a POST fails as a whole (see the variant with a policy).
    public func queryFreeBusy(_ request: FreeBusyRequest, outbox: HTTPURL,
                              draftHeaders: Bool = false) async throws(CalDAVError) -> FreeBusyResult {
        try await queryFreeBusy(request, outbox: outbox, draftHeaders: draftHeaders, policy: .standard)
    }

    /// Free/busy for every attendee, in their order, as POSTs to the outbox
    /// sent at once on several connections (`policy`); `onAnswer` is called with
    /// each POST's rows as it answers, before the whole result is returned.
    ///
    /// A POST that fails in a way that can lie with a recipient (see
    /// `CalDAVError.mayLieWithRecipients`) is bisected (`Bisection`): the
    /// recipients that break the server get a row that says so, everyone else
    /// an answer. Any other failure, or one where nothing at all answered, is
    /// thrown as it came, as a single POST would have.
    public func queryFreeBusy(_ request: FreeBusyRequest, outbox: HTTPURL, draftHeaders: Bool = false,
                              policy: BatchPolicy,
                              onAnswer: (@Sendable (FreeBusyBatchAnswer) -> Void)? = nil)
        async throws(CalDAVError) -> FreeBusyResult
    {
        let attendees = request.attendees
        var plan = Bisection(batches: policy.batches(count: attendees.count))
        var rows = [RecipientResult?](repeating: nil, count: attendees.count)
        var notes: [String] = []
        var firstFailure: CalDAVError? = nil

        let stop: CalDAVError? = await withTaskGroup(of: SegmentOutcome.self) { group in
            var running = 0
            while true {
                while running < policy.parallel, let segment = plan.next() {
                    var part = request
                    part.attendees = Array(attendees[segment.positions])
                    group.addTask {
                        let outcome = await self.outcome(of: part, outbox: outbox, draftHeaders: draftHeaders)
                        return SegmentOutcome(segment: segment, outcome: outcome)
                    }
                    running += 1
                }
                guard let done = await group.next() else { return nil }
                let segment = done.segment, outcome = done.outcome
                running -= 1
                switch outcome {
                case let .success(answer):
                    plan.answered(segment)
                    for (offset, row) in answer.recipients.enumerated() where offset < segment.positions.count {
                        rows[segment.positions.lowerBound + offset] = row
                    }
                    if let note = answer.note, !notes.contains(note) { notes.append(note) }
                    onAnswer?(FreeBusyBatchAnswer(positions: segment.positions, recipients: answer.recipients))
                case let .failure(error):
                    guard error.mayLieWithRecipients else { return error }
                    if firstFailure == nil { firstFailure = error }
                    let halves = plan.failed(segment, timedOut: error.isTimeout)
                    if halves.isEmpty {
                        let p = segment.positions.lowerBound
                        rows[p] = RecipientResult(recipient: attendees[p], status: .noAnswer("Server failed"), busy: nil,
                                                  problem: "the server failed on a request including this address: \(error)")
                    } else {
                        trace?.note("the POST for \(segment.positions.count) recipients failed (\(error)); asking each half")
                    }
                    if plan.isHopeless {
                        trace?.note("nothing answered down to \(plan.probeDepth) splits: the server fails as a whole")
                        return firstFailure ?? error
                    }
                }
            }
        }
        if let stop { throw stop }
        // Every POST failed, each down to a single recipient: that is the server
        // failing, not those recipients.
        if plan.answers == 0, let firstFailure { throw firstFailure }
        for p in plan.failedPositions {
            if let row = rows[p] { onAnswer?(FreeBusyBatchAnswer(positions: p..<p + 1, recipients: [row])) }
        }
        let recipients = attendees.indices.map { i in
            rows[i] ?? RecipientResult(recipient: attendees[i], status: .noAnswer("No answer for this recipient"), busy: nil,
                                       problem: "no POST answered for this recipient")
        }
        return FreeBusyResult(organizer: request.organizer, window: request.window, recipients: recipients,
                              note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    /// One POST's outcome as a value. (A child task that returned a tuple built
    /// around a typed-throws `try await` handed back a corrupted segment in
    /// release builds of Swift 6.3.1; a struct made after the await does not.)
    private func outcome(of part: FreeBusyRequest, outbox: HTTPURL, draftHeaders: Bool) async -> Result<FreeBusyResult, CalDAVError> {
        do {
            return .success(try await postFreeBusy(part, outbox: outbox, draftHeaders: draftHeaders))
        } catch {
            return .failure(error)
        }
    }
}

/// A batch's (or a half's) POST and how it went.
private struct SegmentOutcome: Sendable {
    var segment: Bisection.Segment
    var outcome: Result<FreeBusyResult, CalDAVError>
}
