package com.magentobridge.flow;

/** The one result every inventory line ends with (the names shown in the audit, as the extension's grid). */
public enum LineResult {
    Success, Duplicate, Superseded, Failed
}
