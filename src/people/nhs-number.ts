/** NHS numbers are written in groups (943 476 5919); Liaison stores the ten digits alone. */
export function normaliseNhsNumber(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * The modulus-11 check: weights 10 down to 2 on the first nine digits; the check digit is
 * 11 minus the remainder of the sum by 11, where 11 becomes 0 and 10 means no valid number.
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(digits[index]) * (10 - index);
  const checkDigit = (11 - (sum % 11)) % 11;
  return checkDigit !== 10 && checkDigit === Number(digits[9]);
}
