import { z } from 'zod';
import { configSection } from '../core/config-section.js';

// === The hotline residents are told to call, and the area code of a local number typed without one

/** What the bot tells residents to call, and how it reads a local number typed without its area code. */
export interface HotlineConfig {
  phone: string;
  localAreaCode: string;
}

/** The hotline's own number and its city's area code, unless configured (Jiaxing's 96345, 0573). */
export const DEFAULT_HOTLINE: HotlineConfig = { phone: '96345', localAreaCode: '0573' };

export const hotlineConfig = configSection({
  vars: {
    HOTLINE_PHONE: z
      .string()
      .trim()
      .regex(/^[0-9][0-9-]{2,19}$/, 'must be the number residents can call, digits and dashes, e.g. 96345 or 0573-96345')
      .default(DEFAULT_HOTLINE.phone),
    LOCAL_AREA_CODE: z
      .string()
      .trim()
      .regex(/^0[1-9]\d{1,2}$/, "must be the city's area code with its 0, e.g. 0573 (Jiaxing) or 010 (Beijing)")
      .default(DEFAULT_HOTLINE.localAreaCode),
  },
  read: (e): { hotline: HotlineConfig } => ({ hotline: { phone: e.HOTLINE_PHONE, localAreaCode: e.LOCAL_AREA_CODE } }),
});
