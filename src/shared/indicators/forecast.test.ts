import { describe, expect, it } from 'vitest';
import { leastSquaresForecast } from './forecast';

describe('leastSquaresForecast', () => {
  it('fits a line through the points and reads it at the plan year (worked by hand)', () => {
    // years 2020..2023, values 93.61, 93.92, 94.18, 94.52: mean x 2021.5, mean y 94.0575
    // Sxy = (−1.5)(−0.4475) + (−0.5)(−0.1375) + 0.5(0.1225) + 1.5(0.4625) = 0.67125 + 0.06875 + 0.06125 + 0.69375 = 1.495
    // Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5 → slope 0.299; 2025: 94.0575 + 0.299 × 3.5 = 95.104, given to 2 decimals (the page, .xlsx and .docx print 95.1)
    const f = leastSquaresForecast(
      [
        { year: 2020, value: 93.61 },
        { year: 2021, value: 93.92 },
        { year: 2022, value: 94.18 },
        { year: 2023, value: 94.52 },
      ],
      2025,
    );
    expect(f).toMatchObject({ year: 2025, value: 95.1, slope: 0.299, years: [2020, 2021, 2022, 2023] });
  });
  it('needs two years; caps a rate at 100', () => {
    expect(leastSquaresForecast([{ year: 2020, value: 99 }], 2025)).toBeNull();
    // 99 → 99.5 in one year: +0.5 a year, 2025 would be 101.5
    expect(leastSquaresForecast([{ year: 2020, value: 99 }, { year: 2021, value: 99.5 }], 2025, { cap: 100 })!.value).toBe(100);
  });
  it('keeps a falling count at or above zero, and in whole items', () => {
    // 12 → 8 → 5 items: mean 2021 and 8.333, −3.5 a year; 2025 reads 8.333 − 4 × 3.5 = −5.667
    const falling = [
      { year: 2020, value: 12 },
      { year: 2021, value: 8 },
      { year: 2022, value: 5 },
    ];
    expect(leastSquaresForecast(falling, 2025)!.value).toBe(-5.67);
    expect(leastSquaresForecast(falling, 2025, { floor: 0, whole: true })!.value).toBe(0);
    // 6, 8, 9: mean 2021 and 7.667, slope 1.5; 2025 reads 7.667 + 4 × 1.5 = 13.667: 14 whole items
    const rising = [
      { year: 2020, value: 6 },
      { year: 2021, value: 8 },
      { year: 2022, value: 9 },
    ];
    expect(leastSquaresForecast(rising, 2025)!.value).toBe(13.67);
    expect(leastSquaresForecast(rising, 2025, { floor: 0, whole: true })).toMatchObject({ value: 14, slope: 1.5 });
  });
});
