import Testing
@testable import AvailCommands

/// --max-age reads ages with the same reader as --duration; a bare number is seconds.
@Suite struct CacheOptionsTests {
    @Test func maxAgeParsing() {
        #expect(CacheOptions.seconds("30s") == 30)
        #expect(CacheOptions.seconds("10m") == 600)
        #expect(CacheOptions.seconds("2h") == 7200)
        #expect(CacheOptions.seconds("1d") == 86_400)
        #expect(CacheOptions.seconds("45") == 45)
        #expect(CacheOptions.seconds("soon") == nil)
        #expect(CacheOptions.seconds("-5m") == nil)
    }
}
