import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import OwnBusyTime

/// The user's own busy time in a window, computed from the events of their
/// own calendars (`avail publish`): the same events of each event calendar as
/// `avail meetings` (`SchedulingServer.eventObjects`: Inbox, Outbox and
/// calendars without VEVENT left out, a series begun earlier included),
/// then `OwnBusyTime` over what came back. Returns a value with what was set aside; the front end says it.
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
        let me = try await server.identity(needsName: false)
        let calendars = try await server.eventCalendars(principal: me.principalURL)
        var periods: [BusyPeriod] = []
        var aside: [SetAside] = []
        var objects = 0
        for calendar in calendars {
            let found = try await server.eventObjects(in: calendar.url, window: window)
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
