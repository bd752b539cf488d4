package dev.periscope.masking;

/** Masking one value took longer than its budget; the value is withheld. */
final class MaskingBudgetExceededException extends RuntimeException {

    MaskingBudgetExceededException() {
        super("masking budget exceeded", null, false, false);
    }
}
