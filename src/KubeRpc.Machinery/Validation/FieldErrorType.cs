namespace KubeRpc.Machinery.Validation;

/// <summary>The validation error types of apimachinery's <c>util/validation/field</c>, with their cause reasons.</summary>
public enum FieldErrorType
{
    /// <summary>"FieldValueNotFound": Not found.</summary>
    NotFound,
    /// <summary>"FieldValueRequired": Required value.</summary>
    Required,
    /// <summary>"FieldValueDuplicate": Duplicate value.</summary>
    Duplicate,
    /// <summary>"FieldValueInvalid": Invalid value.</summary>
    Invalid,
    /// <summary>"FieldValueNotSupported": Unsupported value.</summary>
    NotSupported,
    /// <summary>"FieldValueForbidden": Forbidden.</summary>
    Forbidden,
    /// <summary>"FieldValueTooLong": Too long.</summary>
    TooLong,
    /// <summary>"FieldValueTooMany": Too many.</summary>
    TooMany,
    /// <summary>"InternalError": Internal error.</summary>
    Internal,
    /// <summary>"FieldValueTypeInvalid": Invalid value (type).</summary>
    TypeInvalid,
}
