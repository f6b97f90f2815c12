// Errors raised by the core, carrying what PostgreSQL needs to report them.
#pragma once

#include <stdexcept>
#include <string>

namespace backorder::core {

// The kind of failure; the glue maps each kind to a SQLSTATE.
enum class ErrorKind {
    InvalidArgument,  // 22023 invalid_parameter_value
    OutOfRange,       // 22003 numeric_value_out_of_range
    RuleViolated,     // 23514 check_violation
    WrongState,       // 55000 object_not_in_prerequisite_state
    NotFound,         // P0002 no_data_found
    Internal,         // XX000 internal_error
};

// A failure with a PostgreSQL-style message: lower case, no trailing period;
// detail and hint are full sentences, or empty.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string &message, std::string detail = {},
          std::string hint = {})
        : std::runtime_error(message), kind_(kind), detail_(std::move(detail)),
          hint_(std::move(hint))
    {
    }

    ErrorKind kind() const noexcept { return kind_; }
    const std::string &detail() const noexcept { return detail_; }
    const std::string &hint() const noexcept { return hint_; }

private:
    ErrorKind kind_;
    std::string detail_;
    std::string hint_;
};

}  // namespace backorder::core
