#pragma once
// The template value `inspect --format` runs over: skopeo's inspect Output struct, field for field.
#include "inspect/inspect_output.h"
#include "template/value.h"

namespace periscope::cli {

tmpl::Value inspect_value(const inspect::InspectInfo& info);

}  // namespace periscope::cli
