// swift-tools-version:6.0
// avail: a keyboard-driven terminal availability planner over CalDAV scheduling.
//
// Layout (one job per target; only the C* targets touch C):
//   CCurl, CLibXML2, CNcursesw   system-library shims over libcurl, libxml2, ncursesw
//   TextUtilities                the few string helpers every module needs
//   ICalendar                    RFC 5545 content lines, values, components (pure)
//   FreeBusy                     busy periods, interval algebra, VFREEBUSY in/out, the answer row (pure)
//   LocalTime                    the display time zone: typed dates in, local times out
//   Booking                      the meeting to book: VEVENT writer, delivery status (pure)
//   Meetings                     a stored meeting read (answers, delivery) and changed (move, cancel, invite), iTIP out (pure)
//   WorkingHours                 weekly working hours: the hours grammar, VAVAILABILITY in/out (RFC 7953) (pure)
//   Slots                        the slot finder: common free time over busy intervals (pure)
//   FreeBusyCache                plain-file cache: entry format, atomic writes, pruning
//   Planner                      the planner screen as a value: keys, layout, rendering to a cell grid (pure)
//   Terminal                     ncursesw: copies a ScreenBuffer out, reads keys
//   XMLTree                      libxml2 -> immutable Swift element tree, safely
//   WebDAV                       multistatus, schedule-response, precondition errors (pure)
//   HTTPClient                   one libcurl multi handle on its own thread
//   CalDAVClient                 account, discovery, the free/busy POST, error mapping
//   Scheduling                   the services: free/busy with the cache policy, discovery, booking, people,
//                                meetings; values and warnings out, never prints; the server behind SchedulingServer
//   PlannerSession               the planner's event loop, mailbox and free/busy sources (server, demo)
//   AvailCommands                the command-line interface: parse, call a service, format
//   avail                        the thin executable
import PackageDescription
import Foundation

let package = Package(
    name: "avail",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "avail", targets: ["avail"]),
    ],
    dependencies: [],
    targets: [
        .systemLibrary(name: "CCurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        // libxml2's headers only: the library is loaded with dlopen (see its
        // shim.h), so no pkgConfig, whose -lxml2 would link it into every run.
        .systemLibrary(name: "CLibXML2",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CNcursesw", // no pkgConfig: its -D_XOPEN_SOURCE=600 is dropped by SwiftPM with a warning; shim.h asks for the wide API itself
                       providers: [.apt(["libncursesw5-dev"])]),

        .target(name: "TextUtilities"),
        .target(name: "ICalendar", dependencies: ["TextUtilities"]),
        .target(name: "FreeBusy", dependencies: ["ICalendar", "TextUtilities"]),
        .target(name: "LocalTime", dependencies: ["ICalendar", "FreeBusy", "TextUtilities"]),
        .target(name: "XMLTree", dependencies: ["CLibXML2", "TextUtilities"],
                swiftSettings: [.unsafeFlags(["-Xcc", "-I/usr/include/libxml2"])]), // where libxml2-dev puts them (pkg-config --cflags libxml-2.0)
        .target(name: "WebDAV", dependencies: ["XMLTree", "TextUtilities"]),
        .target(name: "HTTPClient", dependencies: ["CCurl", "TextUtilities"]),
        .target(name: "CalDAVClient",
                dependencies: ["HTTPClient", "WebDAV", "XMLTree", "FreeBusy", "ICalendar", "TextUtilities"]),
        .target(name: "Booking", dependencies: ["FreeBusy", "ICalendar"]),
        .target(name: "Meetings", dependencies: ["FreeBusy", "ICalendar", "LocalTime", "TextUtilities"]),
        .target(name: "OwnBusyTime", dependencies: ["FreeBusy", "ICalendar", "LocalTime", "Meetings"]),
        .target(name: "WorkingHours", dependencies: ["FreeBusy", "ICalendar", "LocalTime", "TextUtilities"]),
        .target(name: "Slots", dependencies: ["FreeBusy", "ICalendar", "LocalTime", "TextUtilities"]),
        .target(name: "FreeBusyCache", dependencies: ["FreeBusy", "ICalendar", "TextUtilities"]),
        .target(name: "Scheduling",
                dependencies: ["Booking", "CalDAVClient", "FreeBusy", "FreeBusyCache", "HTTPClient", "ICalendar", "LocalTime", "Meetings",
                               "OwnBusyTime", "TextUtilities"]),
        .target(name: "Planner", dependencies: ["FreeBusy", "ICalendar", "LocalTime", "Slots", "TextUtilities"]),
        .target(name: "Terminal", dependencies: ["CNcursesw", "Planner"]),
        .target(name: "PlannerSession",
                dependencies: ["CalDAVClient", "FreeBusy", "FreeBusyCache", "HTTPClient", "ICalendar", "LocalTime", "Meetings", "Planner", "Scheduling", "Terminal",
                               "TextUtilities"]),
        .target(name: "AvailCommands",
                dependencies: [
                    "Booking", "CalDAVClient", "FreeBusy", "FreeBusyCache", "ICalendar", "LocalTime", "Meetings", "Planner", "PlannerSession", "Scheduling",
                    "Slots", "WorkingHours",
                ]),
        // Release links with lld: DT_RELR packs the 40,000 relative relocations
        // of a static-stdlib PIE into 6 KB (from 700 KB read at every start), and
        // none of avail's own symbols are exported (5,500 of them, which every
        // symbol lookup of every library loaded later had to check first).
        .executableTarget(name: "avail", dependencies: ["AvailCommands"],
                          linkerSettings: [.unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                                                         "-Xlinker", "--no-export-dynamic"],
                                                        .when(configuration: .release))]),
        // `make bench` only: the planner's CPU costs without a terminal.
        .executableTarget(name: "avail-bench", dependencies: ["CalDAVClient", "Planner", "FreeBusy", "FreeBusyCache", "ICalendar", "LocalTime", "Slots", "WebDAV", "XMLTree"]),

        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar", "TextUtilities"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "FreeBusy", "ICalendar", "LocalTime"], exclude: ["Goldens"]),
        .testTarget(name: "BookingTests", dependencies: ["Booking", "FreeBusy", "ICalendar", "LocalTime"]),
        .testTarget(name: "OwnBusyTimeTests", dependencies: ["OwnBusyTime", "FreeBusy", "ICalendar", "LocalTime"]),
        .testTarget(name: "MeetingsTests", dependencies: ["Meetings", "FreeBusy", "ICalendar", "LocalTime"], exclude: ["Fixtures"]),
        .testTarget(name: "WorkingHoursTests", dependencies: ["WorkingHours", "FreeBusy", "ICalendar", "LocalTime"]),
        .testTarget(name: "SlotsTests", dependencies: ["Slots", "FreeBusy", "ICalendar", "LocalTime"]),
        .testTarget(name: "FreeBusyCacheTests", dependencies: ["FreeBusyCache", "FreeBusy", "ICalendar"]),
        .testTarget(name: "LocalTimeTests", dependencies: ["LocalTime", "AvailCommands"]),
        .testTarget(name: "FreeBusyTests", dependencies: ["FreeBusy", "ICalendar", "TextUtilities"]),
        .testTarget(name: "WebDAVTests", dependencies: ["WebDAV", "XMLTree"], exclude: ["Fixtures"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "CalDAVClient", "FreeBusy", "ICalendar"]),
        .testTarget(name: "CalDAVClientTests", dependencies: ["CalDAVClient", "WebDAV", "FreeBusy"], exclude: ["Hostile"]),
        .testTarget(name: "PlannerSessionTests", dependencies: ["PlannerSession", "Planner", "CalDAVClient", "FreeBusy", "ICalendar", "LocalTime", "Scheduling"]),
        .testTarget(name: "SchedulingTests",
                    dependencies: ["Scheduling", "CalDAVClient", "FreeBusy", "FreeBusyCache", "HTTPClient", "ICalendar", "LocalTime", "Meetings"]),
        .testTarget(name: "AvailCommandsTests", dependencies: ["AvailCommands", "CalDAVClient", "LocalTime", "FreeBusyCache", "Meetings", "Scheduling"]),
        // Against real servers started by Tests/Servers/*.sh; fails loudly when they are absent.
        .testTarget(name: "IntegrationTests", dependencies: ["CalDAVClient", "FreeBusy", "HTTPClient", "ICalendar", "LocalTime", "Meetings", "Scheduling", "WebDAV", "WorkingHours"]),
    ],
    swiftLanguageModes: [.v6]
)

// `make fuzz` only (AVAIL_FUZZ=1, built with -sanitize=fuzzer,address into
// .build-fuzz): libFuzzer targets for every reader of outside input.
if ProcessInfo.processInfo.environment["AVAIL_FUZZ"] == "1" {
    for (name, deps) in [("fuzz-xml", ["CalDAVClient", "WebDAV", "FreeBusy", "ICalendar"]),
                         ("fuzz-icalendar", ["FreeBusy", "ICalendar"]),
                         ("fuzz-cache", ["FreeBusyCache"]),
                         ("fuzz-config", ["AvailCommands", "Planner", "LocalTime", "ICalendar"])] {
        package.targets.append(.executableTarget(name: name, dependencies: deps.map { .target(name: $0) },
                                                 path: "Tests/Fuzz/\(name)",
                                                 swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}
