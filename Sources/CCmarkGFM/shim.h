// GitHub's fork of cmark (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev): the parser, the extension API
// (our `$…$` math syntax is one) and the core extensions (table, strikethrough, autolink, tagfilter).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm/chunk.h>
