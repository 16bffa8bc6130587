import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Slots

/// Suggestions with reasons, ranked: worked by hand.
@Suite struct SlotRankingTests {
    let bob = addr("bob@example.com"), carol = addr("carol@example.com"), dave = addr("dave@example.com")
    let allDay = WorkingHours(startMinute: 0, endMinute: 1440, weekdays: Set(0..<7))

    /// Monday 7 Dec 09:00–13:00 UTC, one hour, hourly starts. bob (required)
    /// is tentative 10–11 (counted as free); carol (optional) busy 09–10; dave
    /// (optional) outside his hours 11–12; 12–13 everyone is free.
    @Test func rankedByRequiredThenOptionalThenTentativeThenHours() {
        let q = SlotQuery(window: TimeWindow(start: dec(7, 9), end: dec(7, 13))!, duration: 3600, step: 3600, hours: allDay, zone: utc,
                          required: [Participant(address: bob, busy: [BusyPeriod(start: dec(7, 10), end: dec(7, 11), type: .busyTentative)])],
                          optional: [Participant(address: carol, busy: [BusyPeriod(start: dec(7, 9), end: dec(7, 10))]),
                                     Participant(address: dave, busy: [BusyPeriod(start: dec(7, 11), end: dec(7, 12), type: .busyUnavailable)])],
                          tentativeIsFree: true, count: 10)
        let r = SlotFinder.find(q)
        // 12:00 nothing; 11:00 one optional outside hours; 10:00 one tentative; 09:00 one optional busy.
        #expect(r.slots.map(\.start) == [dec(7, 12), dec(7, 11), dec(7, 10), dec(7, 9)])
        #expect(r.slots.map(\.reasons) == [[.everyoneFree], [.outsideHours(dave)], [.tentative(bob)], [.optionalBusy(carol)]])
        #expect(r.slots.map(\.ranking.score) == [100, 98, 95, 85])
        #expect(r.slots.map(\.reasonText) == ["everyone free", "dave@example.com outside their hours", "bob@example.com tentative",
                                              "optional carol@example.com busy"])
        #expect(r.slots[3].busy == [carol] && r.slots[3].free == [bob, dave])
    }

    /// Two reasons of a lower kind never outrank one of a higher kind.
    @Test func rankingComparesCountsInOrder() {
        let twoTentatives = SlotRanking(tentatives: 2)
        let oneOptionalBusy = SlotRanking(optionalConflicts: 1)
        let requiredOutside = SlotRanking(requiredNotFree: 1)
        #expect(twoTentatives < oneOptionalBusy && oneOptionalBusy < requiredOutside)
        #expect(SlotRanking(tentatives: 1, optionalOutsideHours: 3) < SlotRanking(tentatives: 2))
        #expect(SlotRanking(requiredNotFree: 3, optionalConflicts: 3).score == 0)
    }

    /// An unknown optional attendee is a conflict the same at every time: time order stays.
    @Test func unknownOptionalIsNamedInEveryReason() {
        let q = SlotQuery(window: TimeWindow(start: dec(7, 9), end: dec(7, 11))!, duration: 3600, step: 3600, hours: allDay, zone: utc,
                          required: [Participant(address: bob, busy: [])], optional: [Participant(address: dave, busy: nil)], count: 10)
        let r = SlotFinder.find(q)
        #expect(r.slots.map(\.start) == [dec(7, 9), dec(7, 10)])
        #expect(r.slots.allSatisfy { $0.reasons == [.unknown(dave)] && $0.unknown == [dave] })
    }
}

/// BUSY-UNAVAILABLE means outside someone's working hours: not offered by
/// default, offered after the rest with outsideHoursAllowed.
@Suite struct OutsideHoursTests {
    let bob = addr("bob@example.com"), carol = addr("carol@example.com")
    let allDay = WorkingHours(startMinute: 0, endMinute: 1440, weekdays: Set(0..<7))
    /// carol works 09:00–17:00 UTC on Monday 7 Dec.
    var carolsHours: [BusyPeriod] {
        [BusyPeriod(start: dec(7, 0), end: dec(7, 9), type: .busyUnavailable), BusyPeriod(start: dec(7, 17), end: dec(8, 0), type: .busyUnavailable)]
    }

    func query(_ carol: [BusyPeriod], allowed: Bool) -> SlotResult {
        SlotFinder.find(SlotQuery(window: TimeWindow(start: dec(7, 0), end: dec(8, 0))!, duration: 3600, step: 3600, hours: allDay, zone: utc,
                                  required: [Participant(address: bob, busy: []), Participant(address: self.carol, busy: carol)],
                                  outsideHoursAllowed: allowed, count: 100))
    }

    @Test func outsideTheirHoursIsNotOfferedByDefault() {
        let r = query(carolsHours, allowed: false)
        #expect(r.slots.map(\.start) == (9..<17).map { dec(7, $0) })
        #expect(r.slots.allSatisfy { $0.reasons == [.everyoneFree] })
        #expect(r.note == nil)
    }

    @Test func outsideHoursAllowedRanksThoseSlotsLast() {
        let r = query(carolsHours, allowed: true)
        #expect(r.slots.count == 24)
        #expect(r.slots.prefix(8).map(\.start) == (9..<17).map { dec(7, $0) })
        #expect(r.slots.dropFirst(8).map(\.start) == ((0..<9).map { dec(7, $0) } + (17..<24).map { dec(7, $0) }))
        #expect(r.slots.dropFirst(8).allSatisfy { $0.reasons == [.outsideHours(carol)] && $0.ranking.score == 60 })
    }

    /// Outside carol's hours at every time asked: say that, not "no free slot".
    @Test func wholeWindowOutsideTheirHoursSaysSo() {
        let r = query([BusyPeriod(start: dec(7, 0), end: dec(8, 0), type: .busyUnavailable)], allowed: false)
        #expect(r.slots.isEmpty)
        #expect(r.note == "every time asked is outside the working hours of carol@example.com: --outside-hours offers such times")
        // Busy (not outside hours) all day is the plain "no free slot".
        let busy = query([BusyPeriod(start: dec(7, 0), end: dec(8, 0))], allowed: false)
        #expect(busy.note?.hasPrefix("no free slot") == true)
    }

    /// An attendee's own zone: outside those hours is outside their hours too.
    @Test func ownZoneHoursAreOutsideHoursToo() {
        let ny = DisplayZone.named("America/New_York")!
        let q = SlotQuery(window: TimeWindow(start: dec(7, 9), end: dec(7, 17))!, duration: 3600, step: 3600, hours: WorkingHours(), zone: utc,
                          required: [Participant(address: bob, busy: [], zone: ny)], outsideHoursAllowed: true, count: 100)
        let r = SlotFinder.find(q)
        // New York's 09:00 is 14:00 UTC in December: 14, 15, 16 inside, the rest after.
        #expect(r.slots.prefix(3).map(\.start) == [dec(7, 14), dec(7, 15), dec(7, 16)])
        #expect(r.slots.dropFirst(3).allSatisfy { $0.reasons == [.outsideHours(bob)] })
    }
}

/// Rooms: every required person and any one of the rooms.
@Suite struct RoomChoiceTests {
    let bob = addr("bob@example.com"), room1 = addr("room1@example.com"), room2 = addr("room2@example.com")
    let allDay = WorkingHours(startMinute: 0, endMinute: 1440, weekdays: Set(0..<7))

    func find(_ rooms: [Participant], tentativeFree: Bool = false) -> SlotResult {
        SlotFinder.find(SlotQuery(window: TimeWindow(start: dec(8, 9), end: dec(8, 12))!, duration: 3600, step: 3600, hours: allDay, zone: utc,
                                  required: [Participant(address: bob, busy: [])], rooms: rooms, tentativeIsFree: tentativeFree, count: 10))
    }

    /// room1 busy 09–11 (as on the test DAViCal), room2 free: 09 and 10 name room2, 11 room1 (first in order).
    @Test func theFirstFreeRoomIsNamed() {
        let r = find([Participant(address: room1, busy: [BusyPeriod(start: dec(8, 9), end: dec(8, 11))]), Participant(address: room2, busy: [])])
        #expect(r.slots.map(\.start) == [dec(8, 9), dec(8, 10), dec(8, 11)])
        #expect(r.slots.map(\.room) == [room2, room2, room1])
        #expect(r.slots.allSatisfy { $0.reasons == [.everyoneFree] })
    }

    @Test func noFreeRoomMeansNoSlot() {
        let r = find([Participant(address: room1, busy: [BusyPeriod(start: dec(8, 9), end: dec(8, 11))]),
                      Participant(address: room2, busy: [BusyPeriod(start: dec(8, 10), end: dec(8, 12))])])
        // 09: room2; 10: both busy, no slot; 11: room1 again.
        #expect(r.slots.map(\.start) == [dec(8, 9), dec(8, 11)])
        #expect(r.slots.map(\.room) == [room2, room1])
        let none = find([Participant(address: room1, busy: [BusyPeriod(start: dec(8, 9), end: dec(8, 12))])])
        #expect(none.slots.isEmpty)
        #expect(none.note == "no free slot of that length where everyone required and one of the rooms is free")
    }

    /// A room whose time is unknown is never chosen; when none is known, say so.
    @Test func unknownRoomsAreNotChosen() {
        let r = find([Participant(address: room1, busy: nil), Participant(address: room2, busy: [])])
        #expect(r.slots.count == 3 && r.slots.allSatisfy { $0.room == room2 })
        let none = find([Participant(address: room1, busy: nil)])
        #expect(none.slots.isEmpty && none.note == "no room's time is known (room1@example.com)")
    }

    /// A tentatively held room is taken only when no room is plainly free, and says so.
    @Test func aTentativeRoomComesAfterAFreeOne() {
        let held = [BusyPeriod(start: dec(8, 9), end: dec(8, 12), type: .busyTentative)]
        let r = find([Participant(address: room1, busy: held), Participant(address: room2, busy: [BusyPeriod(start: dec(8, 11), end: dec(8, 12))])],
                     tentativeFree: true)
        #expect(r.slots.map(\.room) == [room2, room2, room1])
        #expect(r.slots.last?.reasons == [.tentative(room1)])
        // Without --tentative-free, tentative is busy: no room at 11.
        let strict = find([Participant(address: room1, busy: held), Participant(address: room2, busy: [BusyPeriod(start: dec(8, 11), end: dec(8, 12))])])
        #expect(strict.slots.map(\.start) == [dec(8, 9), dec(8, 10)])
    }
}
