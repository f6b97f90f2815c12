// Helpers shared by the core's unit tests: literals and error assertions.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/quantity.hpp"

namespace backorder::test {

using core::Day;
using core::ErrorKind;
using core::Quantity;

// A quantity written as in SQL, "0.25" for a quarter.
inline Quantity Q(std::string_view text) { return core::parse_quantity(text); }

// A day written as an ISO date.
inline Day D(std::string_view text) { return core::parse_iso_date(text); }

// Check that body raises a core::Error with exactly this kind and message, and
// this detail and hint when they are given.
template <typename Body>
::testing::AssertionResult Raises(Body &&body, ErrorKind kind, const std::string &message,
                                  std::optional<std::string> detail = std::nullopt,
                                  std::optional<std::string> hint = std::nullopt)
{
    try {
        body();
    } catch (const core::Error &error) {
        if (error.kind() != kind)
            return ::testing::AssertionFailure()
                   << "kind " << static_cast<int>(error.kind()) << " instead of "
                   << static_cast<int>(kind) << " for \"" << error.what() << "\"";
        if (error.what() != message)
            return ::testing::AssertionFailure()
                   << "message \"" << error.what() << "\" instead of \"" << message << "\"";
        if (detail && error.detail() != *detail)
            return ::testing::AssertionFailure()
                   << "detail \"" << error.detail() << "\" instead of \"" << *detail << "\"";
        if (hint && error.hint() != *hint)
            return ::testing::AssertionFailure()
                   << "hint \"" << error.hint() << "\" instead of \"" << *hint << "\"";
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "no error raised, expected \"" << message << "\"";
}

}  // namespace backorder::test
