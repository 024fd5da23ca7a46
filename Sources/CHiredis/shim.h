#ifndef CHIREDIS_SHIM_H
#define CHIREDIS_SHIM_H

// libhiredis (Debian's libhiredis-dev, 0.14). <hiredis/hiredis.h> works with or without pkg-config, whose
// flags SwiftPM refuses for this package.
#include <hiredis/hiredis.h>

// Accessors for what Swift cannot read directly: `errstr` is a fixed C array, and hiredis' own `redisCommand`
// is variadic (Swift calls `redisCommandArgv` instead).
static inline const char *chiredis_errstr(const redisContext *c) { return c->errstr; }
static inline int chiredis_err(const redisContext *c) { return c->err; }
static inline int chiredis_fd(const redisContext *c) { return c->fd; }

#endif
