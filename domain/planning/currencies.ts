// ISO 4217 active currency codes with their minor-unit digits (list one, 2025).
// Funds, precious metals and testing codes without minor units (XAU, XDR, XXX, ...) are left out:
// a team is not paid in them.
const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR = 'CLF UYW';
const TWO =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
  'GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL ' +
  'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK ' +
  'PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
  'TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

function table(): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  const add = (codes: string, digits: number) => {
    for (const code of codes.split(' ')) map.set(code, digits);
  };
  add(TWO, 2);
  add(ZERO, 0);
  add(THREE, 3);
  add(FOUR, 4);
  return map;
}

export const CURRENCY_MINOR_DIGITS: ReadonlyMap<string, number> = table();

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_MINOR_DIGITS.has(code);
}

/** Minor-unit digits of a known code (EUR 2, JPY 0, KWD 3). */
export function minorDigits(code: string): number {
  const digits = CURRENCY_MINOR_DIGITS.get(code);
  if (digits === undefined) throw new Error(`unknown currency ${code}`);
  return digits;
}
