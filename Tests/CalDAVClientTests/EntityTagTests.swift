import Testing
@testable import CalDAVClient

/// RFC 9110 §8.8.3: weak and strong ETags, and what each can guard.
@Suite struct EntityTagTests {
    @Test func strongTagsGuardWithIfMatch() {
        #expect(EntityTag("\"abc\"").writeGuard == .ifMatch("\"abc\""))
        #expect(EntityTag(" \"abc\"\t").writeGuard == .ifMatch("\"abc\""))
        #expect(!EntityTag("\"abc\"").isWeak)
    }

    @Test func weakTagsAreReadAgainFirst() {
        let weak = EntityTag("W/\"abc\"")
        #expect(weak.isWeak && weak.opaqueTag == "\"abc\"")
        #expect(weak.writeGuard == .rereadFirst)
        // Weak comparison (§8.8.3.2): the opaque tags alone.
        #expect(weak.weaklyMatches(EntityTag("W/\"abc\"")) && weak.weaklyMatches(EntityTag("\"abc\"")))
        #expect(!weak.weaklyMatches(EntityTag("W/\"abd\"")))
    }
}
