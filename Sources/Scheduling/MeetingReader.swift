import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Meetings
import OwnBusyTime

/// Reading the meetings the user organises: every event calendar's events in
/// the window (a series begun before it included: `eventObjects`), and the
/// replies waiting in the scheduling Inbox where the stored copy lags behind
/// them (avail never deletes them).
public struct MeetingReader: Sendable {
    let server: any SchedulingServer

    public init(server: any SchedulingServer) { self.server = server }

    /// The meetings in `window` organised by the account (its addresses and
    /// `organizer`, the config's override); floating times are read in `zone`.
    /// `eachOccurrence`: a repeating meeting is listed at each of its
    /// occurrences in the window (as `avail meetings` shows it), else once at
    /// its first.
    public func meetings(in window: TimeWindow, organizer: CalendarUserAddress?, zone: DisplayZone,
                         eachOccurrence: Bool = false) async throws(CalDAVError) -> MeetingList {
        let me = try await server.identity(needsName: false)
        var sources: [MeetingList.Source] = []
        for calendar in try await server.eventCalendars(principal: me.principalURL) {
            for r in try await server.eventObjects(in: calendar.url, window: window) {
                sources.append(MeetingList.Source(resource: r.url.description, etag: r.etag, text: r.text))
            }
        }
        // A server without scheduling has no Inbox: the stored copies are all there is.
        let inbox = (try? await server.scheduleInboxItems(principal: me.principalURL)) ?? []
        var addresses = me.calendarUserAddresses.map { CalendarUserAddress(uncheckedURI: $0) }
        addresses.append(organizer ?? me.organizer)
        let expand: ((CalendarObject) -> [SeriesOccurrence]?)? = eachOccurrence
            ? { OwnBusyTime.occurrences(of: $0.calendar, window: window, floatingZone: zone) } : nil
        return MeetingList(objects: sources, inbox: inbox.map(\.text), organizer: addresses, floatingZone: zone, occurrences: expand)
    }
}
