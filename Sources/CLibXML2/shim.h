// The only door from Swift to libxml2.
#ifndef AVAIL_CLIBXML2_SHIM_H
#define AVAIL_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// libxml2's ICU types clash with Foundation's in any module importing both
// ("'UErrorCode' has different definitions"); we never use its ICU paths.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// libxml2 prints parse errors to stderr even with XML_PARSE_NOERROR, which would
// wreck a curses screen. The handler types are C-variadic, hence done here.
static void avail_xml_silent_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void avail_xml_silent_structured(void *ctx, const xmlError *err) { (void)ctx; (void)err; }
static inline void avail_xml_silence_errors_on_this_thread(void) {
    xmlSetGenericErrorFunc(NULL, avail_xml_silent_generic);
    xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)avail_xml_silent_structured);
}

// xmlFree is a global function pointer, which Swift 6 refuses to read.
static inline void avail_xml_free(void *p) { xmlFree(p); }

static inline int avail_xml_has_dtd(xmlDocPtr doc) {
    return doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL);
}
#endif
