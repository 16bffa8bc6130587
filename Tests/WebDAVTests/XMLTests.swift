import Foundation
import Testing
@testable import XMLTree

@Suite struct XMLTests {
    @Test func matchesOnNamespaceNotPrefix() throws {
        let a = try XML.parse("<a:x xmlns:a=\"DAV:\"><a:y>1</a:y></a:x>")
        let b = try XML.parse("<x xmlns=\"DAV:\"><y>1</y></x>")
        #expect(a == b)
        #expect(a.child("y", in: "DAV:")?.text == "1")
        #expect(a.child("y", in: "urn:other") == nil)
    }

    @Test func keepsCDATAAndEntities() throws {
        let e = try XML.parse("<x>a &amp; b<![CDATA[ <c> ]]>&#13;</x>")
        #expect(e.text == "a & b <c> \r")
    }

    @Test func refusesExternalEntitiesWithoutReadingThem() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("avail-xxe-secret.txt")
        try "TOPSECRET".write(to: secret, atomically: true, encoding: .utf8)
        let doc = """
        <?xml version="1.0"?>
        <!DOCTYPE x [<!ENTITY s SYSTEM "file://\(secret.path)">]>
        <x>&s;</x>
        """
        do {
            let e = try XML.parse(doc)
            Issue.record("a document with a DOCTYPE was accepted: \(e)")
        } catch {
            #expect(error == .documentTypeDeclaration)
            #expect(!"\(error)".contains("TOPSECRET"))
        }
    }

    @Test func refusesTheBillionLaughs() {
        var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            let prev = i == 1 ? "lol" : "lol\(i - 1)"
            doc += "<!ENTITY lol\(i) \"" + String(repeating: "&\(prev);", count: 10) + "\">\n"
        }
        doc += "]>\n<lolz>&lol9;</lolz>"
        #expect(throws: XML.ParseError.self) { try XML.parse(doc) }
    }

    @Test func malformedInputGivesOneLineErrors() {
        let cases: [[UInt8]] = [
            Array("<a><b></a>".utf8), Array("<a>".utf8), Array("not xml at all".utf8),
            [0x3C, 0x61, 0x3E, 0xFF, 0xFE, 0x3C, 0x2F, 0x61, 0x3E], // bytes that are not UTF-8
            Array("<html><body>Error</body></html".utf8),
        ]
        for bytes in cases {
            do {
                _ = try XML.parse(bytes)
                Issue.record("accepted malformed XML \(bytes)")
            } catch {
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(throws: XML.ParseError.empty) { try XML.parse("  \n ") }
    }

    @Test func acceptsAByteOrderMark() throws {
        let e = try XML.parse([0xEF, 0xBB, 0xBF] + Array("<x>ok</x>".utf8))
        #expect(e.text == "ok")
    }

    @Test func escapes() {
        #expect(XML.escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;")
    }
}
