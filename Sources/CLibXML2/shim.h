// The only door from Swift to libxml2.
//
// libxml2 is loaded with dlopen on the first parse (or earlier, while a
// request waits for its answer: XMLLibrary.preload), not linked: it brings ICU,
// zlib and liblzma, whose loading cost every run of avail about 0.9 ms, while
// a warm `avail query`, `--offline`, `--help` or the demo planner never parse XML.
#ifndef AVAIL_CLIBXML2_SHIM_H
#define AVAIL_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// libxml2's ICU types clash with Foundation's in any module importing both
// ("'UErrorCode' has different definitions"); we never use its ICU paths.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

typedef struct {
    void (*init_parser)(void);
    xmlParserCtxtPtr (*new_parser_ctxt)(void);
    void (*free_parser_ctxt)(xmlParserCtxtPtr);
    xmlDocPtr (*ctxt_read_memory)(xmlParserCtxtPtr, const char *, int, const char *, const char *, int);
    const xmlError *(*ctxt_get_last_error)(void *);
    void (*free_doc)(xmlDocPtr);
    xmlNodePtr (*doc_get_root_element)(const xmlDoc *);
    xmlChar *(*node_get_content)(const xmlNode *);
    void (*set_generic_error_func)(void *, xmlGenericErrorFunc);
    void (*set_structured_error_func)(void *, xmlStructuredErrorFunc);
    xmlFreeFunc *free; // the address of libxml2's global `xmlFree`
} avail_xml_functions;

// Filled exactly once (pthread_once), then only read. (Function-local statics:
// Swift's importer does not emit a header's globals.)
typedef struct {
    avail_xml_functions functions;
    int state; // 1 loaded, -1 failed
    char message[256];
} avail_xml_library;

static inline avail_xml_library *avail_xml_library_storage(void) {
    static avail_xml_library library;
    return &library;
}

static void avail_xml_load_once(void) {
    avail_xml_library *lib = avail_xml_library_storage();
    avail_xml_functions *f = &lib->functions;
    lib->state = -1;
    void *h = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(lib->message, sizeof lib->message, "cannot load libxml2.so.2 (install libxml2): %s", e ? e : "unknown error");
        return;
    }
#define AVAIL_XML_SYMBOL(field, name) \
    if (!(*(void **)&f->field = dlsym(h, name))) { \
        snprintf(lib->message, sizeof lib->message, "libxml2.so.2 lacks %s", name); \
        return; \
    }
    AVAIL_XML_SYMBOL(init_parser, "xmlInitParser")
    AVAIL_XML_SYMBOL(new_parser_ctxt, "xmlNewParserCtxt")
    AVAIL_XML_SYMBOL(free_parser_ctxt, "xmlFreeParserCtxt")
    AVAIL_XML_SYMBOL(ctxt_read_memory, "xmlCtxtReadMemory")
    AVAIL_XML_SYMBOL(ctxt_get_last_error, "xmlCtxtGetLastError")
    AVAIL_XML_SYMBOL(free_doc, "xmlFreeDoc")
    AVAIL_XML_SYMBOL(doc_get_root_element, "xmlDocGetRootElement")
    AVAIL_XML_SYMBOL(node_get_content, "xmlNodeGetContent")
    AVAIL_XML_SYMBOL(set_generic_error_func, "xmlSetGenericErrorFunc")
    AVAIL_XML_SYMBOL(set_structured_error_func, "xmlSetStructuredErrorFunc")
    AVAIL_XML_SYMBOL(free, "xmlFree")
#undef AVAIL_XML_SYMBOL
    // libxml2's global set-up, which must happen once before threads parse.
    f->init_parser();
    lib->state = 1;
}

/// Loads libxml2 (once); NULL when it worked, else why not.
static inline const char *avail_xml_load(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, avail_xml_load_once);
    avail_xml_library *lib = avail_xml_library_storage();
    return lib->state == 1 ? NULL : lib->message;
}

// Only after avail_xml_load returned NULL.
static inline const avail_xml_functions *avail_xml(void) { return &avail_xml_library_storage()->functions; }

static inline xmlParserCtxtPtr avail_xml_new_parser_ctxt(void) { return avail_xml()->new_parser_ctxt(); }
static inline void avail_xml_free_parser_ctxt(xmlParserCtxtPtr c) { avail_xml()->free_parser_ctxt(c); }
static inline xmlDocPtr avail_xml_ctxt_read_memory(xmlParserCtxtPtr c, const char *buffer, int size, int options) {
    return avail_xml()->ctxt_read_memory(c, buffer, size, "", NULL, options);
}
static inline const xmlError *avail_xml_ctxt_get_last_error(xmlParserCtxtPtr c) { return avail_xml()->ctxt_get_last_error(c); }
static inline void avail_xml_free_doc(xmlDocPtr d) { avail_xml()->free_doc(d); }
static inline xmlNodePtr avail_xml_doc_get_root_element(xmlDocPtr d) { return avail_xml()->doc_get_root_element(d); }
static inline xmlChar *avail_xml_node_get_content(const xmlNode *n) { return avail_xml()->node_get_content(n); }

// libxml2 prints parse errors to stderr even with XML_PARSE_NOERROR, which would
// wreck a curses screen. The handler types are C-variadic, hence done here.
static void avail_xml_silent_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void avail_xml_silent_structured(void *ctx, const xmlError *err) { (void)ctx; (void)err; }
static inline void avail_xml_silence_errors_on_this_thread(void) {
    avail_xml()->set_generic_error_func(NULL, avail_xml_silent_generic);
    avail_xml()->set_structured_error_func(NULL, (xmlStructuredErrorFunc)avail_xml_silent_structured);
}

// xmlFree is a global function pointer, which Swift 6 refuses to read.
static inline void avail_xml_free(void *p) { (*avail_xml()->free)(p); }

static inline int avail_xml_has_dtd(xmlDocPtr doc) {
    return doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL);
}
#endif
