import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Meetings

/// Reading the meetings the user organises: every event calendar's events in
/// the window, and the replies waiting in the scheduling Inbox where the
/// stored copy lags behind them (avail never deletes them).
public struct MeetingReader: Sendable {
    let server: any SchedulingServer

    public init(server: any SchedulingServer) { self.server = server }

    /// The meetings in `window` organised by the account (its addresses and
    /// `organizer`, the config's override); floating times are read in `zone`.
    public func meetings(in window: TimeWindow, organizer: CalendarUserAddress?, zone: DisplayZone) async throws(CalDAVError) -> MeetingList {
        let me = try await server.identity()
        var sources: [MeetingList.Source] = []
        for calendar in try await server.eventCalendars(principal: me.principalURL) {
            for r in try await server.calendarObjects(in: calendar.url, from: window.start, to: window.end) {
                sources.append(MeetingList.Source(resource: r.url.description, etag: r.etag, text: r.text))
            }
        }
        // A server without scheduling has no Inbox: the stored copies are all there is.
        let inbox = (try? await server.scheduleInboxItems(principal: me.principalURL)) ?? []
        var addresses = me.calendarUserAddresses.map { CalendarUserAddress(uncheckedURI: $0) }
        addresses.append(organizer ?? me.organizer)
        return MeetingList(objects: sources, inbox: inbox.map(\.text), organizer: addresses, floatingZone: zone)
    }
}
