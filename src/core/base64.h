#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace periscope {

std::string base64_encode(std::string_view bytes);
// Standard alphabet with padding optional; nullopt when the text is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace periscope
