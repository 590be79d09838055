/** Shapes shared by several routes. */
import { z } from "zod";

export const idParams = z.object({ id: z.coerce.number().int().positive("must be a positive whole number") });

/** Marks a route as needing a bearer token in the OpenAPI document. */
export const secured = [{ bearerAuth: [] }];
