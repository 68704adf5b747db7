/* fuzz_lift.c: lift against jansson. Any input is a message body; parsed
 * with every "text" member lifted out of jansson's hands, it must read exactly
 * as jansson alone reads it (see lift_check.h). */
#include <stdint.h>
#include <stdlib.h>

#include "lift_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t lifted;
    if (!lift_agrees((const char *)data, size, &lifted)) abort();
    return 0;
}
