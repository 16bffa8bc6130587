import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import OwnBusyTime

/// The user's own busy time in a window, computed from the events of their
/// own calendars (`avail publish`): the same calendar-query REPORT per event
/// calendar as `avail meetings` (RFC 4791 §7.8; Inbox, Outbox and calendars
/// without VEVENT left out), plus one for the repeating events (which a
/// server's time-range filter may miss), then `OwnBusyTime` over what came
/// back. Returns a value with what was set aside; the front end says it.
public struct OwnFreeBusyReader: Sendable {
    let server: any SchedulingServer

    public init(server: any SchedulingServer) { self.server = server }

    /// An event (or a whole object) that could not be counted: where it is
    /// stored, its UID when known, and why. Its time is left out of the
    /// publication, so the warning is the only trace of it.
    public struct SetAside: Equatable, Sendable {
        public var resource: String
        public var uid: String?
        public var reason: String

        public init(resource: String, uid: String?, reason: String) {
            self.resource = resource
            self.uid = uid
            self.reason = reason
        }
    }

    public struct Result: Sendable {
        public var organizer: CalendarUserAddress
        public var periods: [BusyPeriod]
        public var setAside: [SetAside]
        public var calendarCount: Int
        public var objectCount: Int
    }

    /// `organizer`: the config's override of the address found on the principal.
    public func busyTime(in window: TimeWindow, organizer: CalendarUserAddress?, zone: DisplayZone) async throws(CalDAVError) -> Result {
        let me = try await server.identity()
        let calendars = try await server.eventCalendars(principal: me.principalURL)
        var periods: [BusyPeriod] = []
        var aside: [SetAside] = []
        var objects = 0
        for calendar in calendars {
            var found = try await server.calendarObjects(in: calendar.url, from: window.start, to: window.end)
            // A series the time-range filter missed (Xandikos): added once, by
            // URL. A server that refuses this second query leaves the first one's answer.
            do {
                let seen = Set(found.map(\.url.description))
                found += try await server.recurringCalendarObjects(in: calendar.url).filter { !seen.contains($0.url.description) }
            } catch .refused(_, _, _) {
            } catch .badAnswer(_, _) {
            }
            for r in found {
                objects += 1
                let parsed: [Component]
                do { parsed = try Component.parse(r.text) } catch {
                    aside.append(SetAside(resource: r.url.description, uid: nil, reason: error.description))
                    continue
                }
                let own = OwnBusyTime(objects: parsed, window: window, floatingZone: zone)
                periods += own.periods
                aside += own.setAside.map { SetAside(resource: r.url.description, uid: $0.uid, reason: $0.reason) }
            }
        }
        return Result(organizer: organizer ?? me.organizer, periods: periods.normalized(within: window), setAside: aside,
                      calendarCount: calendars.count, objectCount: objects)
    }
}
